// A fault never leaves a frozen screen. Inlined into each page's index.html
// (Trunk, rel="inline"), before the program, so it also catches a program that
// fails to start. On a Rust panic (src/web/fault.rs calls lobbyFault) or any
// error nothing handled, the screen is replaced, so nobody's answers stay on it,
// by a calm message in the language on screen (the program keeps the words in
// data-fault-* on <html>), and the page starts again from its first screen.
// Replacing the address drops the fragment and adds no history entry.
(function () {
  var down = false;
  function fall() {
    if (down) return;
    down = true;
    var words = document.documentElement.dataset;
    var box = document.createElement('main');
    box.className = 'fault';
    box.setAttribute('role', 'alert');
    function line(tag, text, name) {
      var element = document.createElement(tag);
      element.textContent = text;
      if (name) element.className = name;
      box.append(element);
    }
    line('h1', words.faultTitle || 'Sorry, this screen needs a moment.');
    // A check-in filed just before: its number, to show at the desk.
    if (words.faultNumber) {
      line('p', (words.faultTicket || 'Your number is {ticket}. Please show it at the desk.').replace('{ticket}', words.faultNumber), 'number');
    }
    line('p', words.faultRestart || 'It will start again by itself in a few seconds.');
    function show() {
      document.body.replaceChildren(box);
    }
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
    setTimeout(function () {
      location.replace(location.pathname);
    }, words.faultNumber ? 8000 : 4000);
  }
  window.lobbyFault = fall;
  window.addEventListener('error', fall);
  window.addEventListener('unhandledrejection', fall);
})();
