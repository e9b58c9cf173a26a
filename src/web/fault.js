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
    if (words.faultStay === undefined) line('p', words.faultRestart || 'It will start again by itself in a few seconds.');
    function show() {
      document.body.replaceChildren(box);
    }
    if (document.body) show();
    else addEventListener('DOMContentLoaded', show);
    if (words.faultStay !== undefined) return;
    // Again soon, later when it keeps failing as it starts (4 s, 30 s, 2 min).
    var kept = {};
    try {
      kept = JSON.parse(sessionStorage.getItem('lobby.fault')) || {};
    } catch (e) {}
    var count = Date.now() - (kept.at || 0) < 180000 ? (kept.count || 0) + 1 : 1;
    try {
      sessionStorage.setItem('lobby.fault', JSON.stringify({ at: Date.now(), count: count }));
    } catch (e) {}
    var wait = [words.faultNumber ? 6000 : 4000, 30000, 120000][Math.min(count, 3) - 1];
    // Only to a page that will come: without the server (and no offline copy),
    // the browser's own error page would stay for good.
    function again() {
      fetch(location.pathname, { cache: 'no-store' }).then(
        function (answer) {
          if (answer.ok) location.replace(location.pathname);
          else setTimeout(again, 5000);
        },
        function () {
          setTimeout(again, 5000);
        },
      );
    }
    setTimeout(again, wait);
  }
  window.lobbyFault = fall;
  // An error of the program, or its script failing to load (not other resources).
  addEventListener('error', function (e) {
    if (e.target === window || (e.target && e.target.tagName === 'SCRIPT')) fall();
  }, true);
  addEventListener('unhandledrejection', fall);
})();
