// Welcome before the program: see scripts/prerender.mjs (inlined, so kept short).
// The build writes the kiosk's Welcome into index.html; this gives it the
// business's colour and keeps a tap on it until the program takes it over
// (src/kiosk/welcome.rs acts on it).
(function () {
  var root = document.documentElement;
  var words = root.dataset;
  // Through the CSS object model: the Content-Security-Policy admits no inline style.
  if (words.brand) {
    root.style.setProperty('--brand', words.brand);
    root.style.setProperty('--on-brand', words.onBrand);
  }
  // A pairing link, a printed number's way out, or another address: not Welcome.
  // Hidden at once, and gone once the page is read, so the program's own
  // "Getting ready" shows until it draws what this address is.
  if (location.hash || !/^\/(index\.html)?$/.test(location.pathname)) {
    root.classList.add('not-welcome');
    document.addEventListener('DOMContentLoaded', function () {
      var welcome = document.getElementById('prerendered');
      if (welcome) welcome.remove();
    });
  }
  var kept = [];
  document.addEventListener('click', function (e) {
    var button = e.target.closest && e.target.closest('#prerendered button');
    if (!button) return;
    var tap = button.dataset.tap;
    if (button.getAttribute('aria-busy') === 'true') return;
    if (tap.indexOf('lang:') === 0) {
      var pressed = button.parentNode.querySelectorAll('button');
      for (var i = 0; i < pressed.length; i++) pressed[i].setAttribute('aria-pressed', String(pressed[i] === button));
    } else if (tap === 'larger') {
      var on = button.getAttribute('aria-pressed') !== 'true';
      button.setAttribute('aria-pressed', String(on));
      root.classList.toggle('larger', on);
    } else {
      // One way on at a time: this button says it is getting ready, the others wait.
      if (kept.some(function (t) { return t.indexOf(':') < 0 && t !== 'larger'; })) return;
      button.setAttribute('aria-busy', 'true');
      button.textContent = words.ready;
    }
    kept.push(tap);
    root.dataset.kept = kept.join(' ');
  }, true);
})();
