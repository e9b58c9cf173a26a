// The fault watchdog: see src/web/fault.rs (inlined as it is, so kept short).
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
    if (words.faultNumber) {
      line('p', (words.faultTicket || 'Your number is {ticket}. Please show it at the desk.').replace('{ticket}', words.faultNumber), 'number');
    }
    line('p', words.faultRestart || 'It will start again by itself in a few seconds.');
    function show() {
      document.body.replaceChildren(box);
    }
    if (document.body) show();
    else addEventListener('DOMContentLoaded', show);
    setTimeout(function () {
      location.replace(location.pathname);
    }, words.faultNumber ? 8000 : 4000);
  }
  window.lobbyFault = fall;
  addEventListener('error', fall);
  addEventListener('unhandledrejection', fall);
})();
