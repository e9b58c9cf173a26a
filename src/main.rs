fn main() {
    console_error_panic_hook::set_once();
    lobby::web::service_worker();
    leptos::mount::mount_to_body(lobby::App);
}
