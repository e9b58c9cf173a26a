function (newDoc, oldDoc, userCtx, secObj) {
  // Lobby's write rules for its sync database, installed as the
  // validate_doc_update of _design/lobby by scripts/couch-setup.mjs.
  //
  // CouchDB runs this function on every write that is not made by an admin,
  // including writes that arrive through replication. Who may read is decided
  // by the database's _security object, not here. The shop's server runs the
  // same function in Node on what a kiosk filed into its inbox before copying
  // it into the shop's database as the admin (scripts/devices.mjs), and its
  // door (scripts/door.mjs) adds what a rule cannot see.
  //
  //   kiosk  may create intake and feedback documents, never change or delete
  //          them: a tablet in a public room should not be able to rewrite
  //          or erase what other customers have filed. What it creates is a
  //          customer's own words only: a check-in waiting, with every field
  //          the desk writes empty; feedback with no follow-up; its ticket
  //          letter its own (the role letter:A); its id made of its device's.
  //          It never writes the lobby's status.
  //   desk   may create and update intake and feedback documents, and delete
  //          a revision (it resolves a conflict by merging the revisions into
  //          the winner and deleting the ones that lost). It never changes
  //          what the customer said, moves a status back only by a deliberate
  //          step back (reopened counted up), never unmarks a follow-up,
  //          and never sends a history of its own making. It keeps the
  //          lobby's status (one document, status:lobby) current.
  //   admin  anything: setup, repairs, replication between databases.
  //   anyone else is refused.
  //
  // Every field is checked where it is present, as a record is made: its
  // type, its length, its codes; a field the rules do not know is refused,
  // and so is a document longer than MAX_DOC. (A document missing a field the
  // desk needs is one the desk cannot read and sets aside.) A desk's change
  // is checked for what the desk writes, and compared with oldDoc for the
  // rest, which stays as it was made. A newer Lobby comes with its rules:
  // the shop's server installs them on every start; with a CouchDB of your
  // own, run the setup script again after an upgrade.
  //
  // The reasons and questions a business configures change from the desk's
  // Settings, so their codes cannot be written here. The setup script and the
  // shop's server put the codes ever configured in place of the null of
  // CONFIGURED below as they install the function (a union that never
  // shrinks: a check-in filed under a code just removed is still taken); left
  // null, a code is checked by its shape only.
  //
  // What a rule cannot see: whether a revision a desk deletes is the winning
  // one (the shop's door refuses that; straight at CouchDB nothing can), how
  // many documents come in one request (the door passes no _bulk_docs), and
  // a device id taken from another kiosk (ids are random, bound to no account).
  //
  // The source is plain ES5 and must begin with `function`: CouchDB 3 and
  // pouchdb-server (used by the tests) both evaluate it as one function
  // expression, and pouchdb-server does so by prefixing it with `return `,
  // so a comment above this line would make it evaluate to nothing.

  var CONFIGURED = null;

  // The longest document, in characters of its JSON (UTF-16 code units, as
  // JavaScript and a browser's storage count them). A check-in with every
  // field at its longest is under 7,000.
  var MAX_DOC = 16384;
  // The app counts text in characters as a person sees them (an emoji with a
  // skin tone is one); ES5 cannot, so the rules allow this many code units
  // for each one (that emoji is four).
  var UNITS_PER_CHAR = 8;
  var NAME_MAX = 40; // src/domain/text.rs
  var NOTE_MAX = 280; // the note, the comment, the staff note, a follow-up's note
  var ANSWER_MAX = 40; // src/domain/questions.rs
  var MAX_ANSWERS = 3;
  // What the app can write: keep in step with src/domain/config.rs (HELP_ITEMS)
  // and the enums of src/domain/intake.rs and feedback.rs.
  var HELP_ITEMS = ['shuttle', 'loaner', 'coffee', 'wifi', 'quiet_place', 'text_updates', 'call', 'essentials'];
  var STATUSES = ['waiting', 'serving', 'done', 'left']; // in the order a status moves forward
  var PRIORITIES = ['time', 'cost', 'both', 'quality'];
  var DEADLINES = ['within_hour', 'by_noon', 'end_of_day', 'at'];
  var DETAILS = ['brief', 'walk_through'];
  var EXPECTATIONS = ['below', 'met', 'beyond'];
  // The lobby's status (src/domain/wait.rs): the desk's figures a kiosk quotes
  // a wait from, and who is being served and who is next, for a lobby board.
  var STATUS_ID = 'status:lobby';
  var STATUS_FIELDS = ['_id', '_rev', '_revisions', 'type', 'schema', 'at_ms', 'lobby', 'serving', 'next'];
  var SHOWN = 20; // tickets under "now serving" and "next up", and recent service times

  var INTAKE_FIELDS = ['id', 'device', 'created_ms', 'day', 'ticket', 'letter', 'name', 'reason', 'recovery',
    'wants_person', 'priority', 'deadline', 'estimate_first', 'limit', 'help', 'detail', 'note', 'answers',
    'status', 'done_help', 'status_ms', 'served_ms', 'staff_note', 'reopened', 'closed_by_feedback', 'language',
    'quote', 'phone', 'promised_ms'];
  // What the customer said and was told (the wait quoted), and when and where:
  // the desk never changes them.
  var INTAKE_CUSTOMER = ['id', 'device', 'created_ms', 'day', 'ticket', 'letter', 'name', 'reason', 'recovery',
    'wants_person', 'priority', 'deadline', 'estimate_first', 'limit', 'help', 'detail', 'note', 'answers',
    'quote', 'phone'];
  // What the desk writes: a kiosk leaves them empty.
  var INTAKE_DESK = ['status_ms', 'served_ms', 'staff_note', 'done_help', 'reopened', 'closed_by_feedback',
    'promised_ms'];
  var WORDS = {
    status_ms: 'the time of its status', served_ms: 'the time it was served', staff_note: 'the staff note',
    done_help: 'the help ticked off', reopened: 'the count of steps back', closed_by_feedback: 'closing it by feedback',
    promised_ms: 'the time promised'
  };
  var FEEDBACK_FIELDS = ['id', 'device', 'created_ms', 'day', 'ticket', 'intake_id', 'priority', 'expectations',
    'respected', 'comment', 'language', 'follow_up', 'wants_talk'];
  var FEEDBACK_CUSTOMER = ['id', 'device', 'created_ms', 'day', 'ticket', 'intake_id', 'priority', 'expectations',
    'respected'];
  var DOC_FIELDS = ['_id', '_rev', '_revisions', '_deleted', 'type', 'schema', 'intake', 'feedback'];

  var roles = userCtx.roles || [];

  function hasRole(role) {
    return roles.indexOf(role) !== -1;
  }

  function refuse(reason) {
    throw { forbidden: reason };
  }

  function isLobbyType(doc) {
    return doc.type === 'intake' || doc.type === 'feedback';
  }

  // The lobby's status, or a document that would pass for it.
  function isStatus(doc) {
    return doc._id === STATUS_ID || doc.type === 'status';
  }

  function among(list, value) {
    return typeof value === 'string' && list.indexOf(value) !== -1;
  }

  function isWhole(value, min, max) {
    return typeof value === 'number' && value % 1 === 0 && value >= min && value <= max;
  }

  function isEmpty(value) {
    return value === undefined || value === null || value === '' || value === false || value === 0 ||
      (Array.isArray(value) && value.length === 0);
  }

  // Text as the app writes it: a string within its length, with no half of a
  // character (a lone surrogate, which no device can show or decode).
  function checkText(value, max, what) {
    if (typeof value !== 'string') {
      refuse(what + ' must be text.');
    }
    if (value.length > max * UNITS_PER_CHAR) {
      refuse(what + ' is too long: at most ' + max + ' characters.');
    }
    if (/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(value)) {
      refuse(what + ' holds a broken character.');
    }
  }

  // A code of the business's configuration: 1 to 32 lowercase letters, digits
  // or _, and, once the codes are installed, one of them.
  function checkCode(value, list, what) {
    if (typeof value !== 'string' || !/^[a-z0-9_]{1,32}$/.test(value)) {
      refuse(what + ' must be a code of 1 to 32 lowercase letters, digits or _.');
    }
    if (CONFIGURED && list && list.indexOf(value) === -1) {
      refuse(what + ' "' + value + '" is not one the business has configured.');
    }
  }

  function checkId(value, what) {
    if (typeof value !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,199}$/.test(value)) {
      refuse(what + ' must be 1 to 200 letters, digits or _.:@- (not starting with _).');
    }
  }

  function checkOnly(object, fields, what) {
    if (typeof object !== 'object' || object === null || Array.isArray(object)) {
      refuse(what + ' must be an object.');
    }
    for (var key in object) {
      if (Object.prototype.hasOwnProperty.call(object, key) && fields.indexOf(key) === -1) {
        refuse(what + ' has a field the rules do not know: ' + JSON.stringify(key).slice(0, 60) + '.');
      }
    }
  }

  function checkOneOf(value, list, what, nullable) {
    if (nullable && value === null) {
      return;
    }
    if (!among(list, value)) {
      refuse(what + ' must be one of ' + list.join(', ') + '.');
    }
  }

  function checkFlag(value, what) {
    if (typeof value !== 'boolean') {
      refuse(what + ' must be true or false.');
    }
  }

  function checkMoment(value, what, nullable) {
    if (!(nullable && value === null) && !isWhole(value, 0, 8640000000000000)) {
      refuse(what + ' must be a time in milliseconds.');
    }
  }

  // What a customer said, and when and where: checked as a record is made
  // (after that the desk may only keep it as it is).
  function checkSaid(r, kind) {
    if ('device' in r && (typeof r.device !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(r.device))) {
      refuse('The device must be 1 to 64 letters, digits, _ or -.');
    }
    if ('device' in r) {
      // An id is the device's id, a dash and a random part (feedback- first).
      var prefix = (kind === 'feedback' ? 'feedback-' : '') + r.device + '-';
      if (r.id.indexOf(prefix) !== 0 || r.id.length === prefix.length) {
        refuse('The id of ' + (kind === 'feedback' ? 'feedback' : 'a check-in') + ' must start with its device ("' + prefix + '").');
      }
    }
    if ('created_ms' in r) {
      checkMoment(r.created_ms, 'created_ms', false);
    }
    if ('day' in r && (typeof r.day !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(r.day))) {
      refuse('The day must be a date, YYYY-MM-DD.');
    }
    if ('language' in r) {
      checkLanguage(r.language);
    }
    if (kind === 'intake') {
      checkIntakeSaid(r);
    } else {
      checkFeedbackSaid(r);
    }
  }

  function checkLanguage(value) {
    if (typeof value !== 'string' || !/^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/.test(value)) {
      refuse('The language must be a language code such as en or es.');
    }
  }

  function checkIntakeSaid(r) {
    if ('ticket' in r && !isWhole(r.ticket, 1, 999999) &&
        !(typeof r.ticket === 'string' && /^[A-Za-z0-9-]{1,12}$/.test(r.ticket))) {
      refuse('The ticket must be a number from 1 to 999999.');
    }
    if ('letter' in r && r.letter !== null && !(typeof r.letter === 'string' && /^[A-Z]$/.test(r.letter))) {
      refuse('The ticket letter must be one letter, A to Z.');
    }
    if ('name' in r) {
      checkText(r.name, NAME_MAX, 'The name');
    }
    if ('reason' in r && r.reason !== null) {
      checkCode(r.reason, CONFIGURED && CONFIGURED.reasons, 'The reason');
    }
    if ('recovery' in r) {
      checkFlag(r.recovery, 'recovery');
    }
    if ('wants_person' in r) {
      checkFlag(r.wants_person, 'wants_person');
    }
    if ('priority' in r) {
      checkOneOf(r.priority, PRIORITIES, 'What matters most', true);
    }
    if ('deadline' in r && r.deadline !== null) {
      checkOnly(r.deadline, ['choice', 'at_ms'], 'The deadline');
      checkOneOf(r.deadline.choice, DEADLINES, 'The deadline', false);
      checkMoment(r.deadline.at_ms, 'The deadline\'s time', false);
    }
    if ('estimate_first' in r && r.estimate_first !== null) {
      checkFlag(r.estimate_first, 'estimate_first');
    }
    if ('limit' in r && r.limit !== null && r.limit !== 'no_limit') {
      checkOnly(r.limit, ['amount'], 'The spending limit');
      if (!isWhole(r.limit.amount, 1, 1000000)) {
        refuse('The spending limit must be an amount from 1 to 1000000, or no_limit.');
      }
    }
    if ('help' in r) {
      checkItems(r.help, HELP_ITEMS, 'What would help');
    }
    if ('detail' in r) {
      checkOneOf(r.detail, DETAILS, 'The detail wanted', true);
    }
    if ('note' in r) {
      checkText(r.note, NOTE_MAX, 'The note');
    }
    if ('answers' in r) {
      if (!Array.isArray(r.answers) || r.answers.length > MAX_ANSWERS) {
        refuse('The answers must be a list of at most ' + MAX_ANSWERS + '.');
      }
      var asked = [];
      for (var i = 0; i < r.answers.length; i++) {
        var a = r.answers[i];
        checkOnly(a, ['question', 'value'], 'An answer');
        checkCode(a.question, CONFIGURED && CONFIGURED.questions, 'An answer\'s question');
        if (asked.indexOf(a.question) !== -1) {
          refuse('Each question is answered once.');
        }
        asked.push(a.question);
        checkText(a.value, ANSWER_MAX, 'An answer');
      }
    }
    // The wait the kiosk quoted: place in the queue, and a range in minutes.
    if ('quote' in r && r.quote !== null) {
      checkOnly(r.quote, ['position', 'low_min', 'high_min'], 'The quote');
      if (!isWhole(r.quote.position, 1, 100000)) {
        refuse('The quote\'s position must be a whole number from 1 to 100000.');
      }
      if (!isWhole(r.quote.low_min, 0, 1440) || !isWhole(r.quote.high_min, 0, 1440)) {
        refuse('The quote\'s minutes must be whole numbers from 0 to 1440.');
      }
      if (r.quote.low_min > r.quote.high_min) {
        refuse('The quote\'s low_min must not be more than its high_min.');
      }
    }
    // Left out when there is none: the app reads no null for it.
    if ('phone' in r && !(typeof r.phone === 'string' && /^\+?[0-9]{4,15}$/.test(r.phone))) {
      refuse('The phone number must be 4 to 15 digits, with a + first or not.');
    }
  }

  // What the desk writes on a check-in: checked on every write.
  function checkIntakeDesk(r) {
    if ('status' in r) {
      checkOneOf(r.status, STATUSES, 'The status', false);
    }
    if ('done_help' in r) {
      checkItems(r.done_help, Array.isArray(r.help) ? r.help : [], 'The help ticked off');
    }
    if ('status_ms' in r) {
      checkMoment(r.status_ms, 'status_ms', true);
    }
    if ('served_ms' in r) {
      checkMoment(r.served_ms, 'served_ms', true);
    }
    if ('staff_note' in r) {
      checkText(r.staff_note, NOTE_MAX, 'The staff note');
    }
    if ('reopened' in r && !isWhole(r.reopened, 0, 1000000)) {
      refuse('reopened must be a count.');
    }
    if ('closed_by_feedback' in r) {
      checkFlag(r.closed_by_feedback, 'closed_by_feedback');
    }
    if ('promised_ms' in r) {
      checkMoment(r.promised_ms, 'The time promised (promised_ms)', true);
    }
  }

  // A list of codes from `allowed`, each once.
  function checkItems(items, allowed, what) {
    if (!Array.isArray(items) || items.length > HELP_ITEMS.length) {
      refuse(what + ' must be a list of at most ' + HELP_ITEMS.length + ' items.');
    }
    for (var i = 0; i < items.length; i++) {
      if (!among(allowed, items[i])) {
        refuse(what + ' may list only ' + (allowed === HELP_ITEMS ? HELP_ITEMS.join(', ') : 'the help the customer asked for') + '.');
      }
      if (items.indexOf(items[i]) !== i) {
        refuse(what + ' lists ' + items[i] + ' twice.');
      }
    }
  }

  function checkFeedbackSaid(r) {
    if ('ticket' in r && !(typeof r.ticket === 'string' && /^[A-Za-z0-9\s-]{0,16}$/.test(r.ticket))) {
      refuse('The ticket must be a ticket as typed, such as A-12.');
    }
    if ('intake_id' in r && r.intake_id !== null) {
      checkId(r.intake_id, 'The check-in it names');
      if (r.intake_id.indexOf('feedback-') === 0) {
        refuse('Feedback names a check-in, not other feedback.');
      }
    }
    if ('priority' in r) {
      checkOneOf(r.priority, PRIORITIES, 'What mattered most', true);
    }
    if ('expectations' in r) {
      checkOneOf(r.expectations, EXPECTATIONS, 'The expectations', false);
    }
    if ('respected' in r) {
      checkFlag(r.respected, 'respected');
    }
    if ('comment' in r) {
      checkText(r.comment, NOTE_MAX, 'The comment');
    }
    if ('wants_talk' in r) {
      checkFlag(r.wants_talk, 'wants_talk');
    }
  }

  // What the desk writes on feedback: checked on every write.
  function checkFeedbackDesk(r) {
    if ('follow_up' in r && r.follow_up !== null) {
      checkOnly(r.follow_up, ['at_ms', 'note'], 'The follow-up');
      checkMoment(r.follow_up.at_ms, 'The follow-up\'s time', false);
      if ('note' in r.follow_up) {
        checkText(r.follow_up.note, NOTE_MAX, 'The follow-up\'s note');
      }
    }
  }

  // The lobby's status as a whole: its one id, every field, nothing else. The
  // desk writes it whole each time, so there is nothing to compare.
  function checkStatus(doc) {
    if (doc._id !== STATUS_ID) {
      refuse('The lobby\'s status has one id, "' + STATUS_ID + '".');
    }
    if (doc.type !== 'status') {
      refuse('The document "' + STATUS_ID + '" is the lobby\'s status: its type is "status".');
    }
    checkOnly(doc, STATUS_FIELDS, 'The lobby\'s status');
    if (doc.schema !== 1) {
      refuse('The lobby\'s status is of schema 1.');
    }
    checkMoment(doc.at_ms, 'The lobby\'s status\'s time (at_ms)', false);
    var l = doc.lobby;
    checkOnly(l, ['day', 'waiting', 'serving', 'staff', 'recent_s'], 'The status\'s lobby');
    if (typeof l.day !== 'string' || !/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(l.day)) {
      refuse('The day must be a date, YYYY-MM-DD.');
    }
    if (!isWhole(l.waiting, 0, 100000) || !isWhole(l.serving, 0, 100000)) {
      refuse('The counts waiting and serving must be whole numbers from 0 to 100000.');
    }
    if (!isWhole(l.staff, 1, 1000)) {
      refuse('The staff count must be a whole number from 1 to 1000.');
    }
    if (!Array.isArray(l.recent_s) || l.recent_s.length > SHOWN) {
      refuse('The recent service times must be a list of at most ' + SHOWN + '.');
    }
    for (var i = 0; i < l.recent_s.length; i++) {
      if (!isWhole(l.recent_s[i], 0, 86400)) {
        refuse('A recent service time must be whole seconds from 0 to 86400.');
      }
    }
    checkCalled(doc.serving, 'being served');
    checkCalled(doc.next, 'next up');
  }

  // Customers as the lobby sees them: a ticket, and a first name or none.
  function checkCalled(list, where) {
    if (!Array.isArray(list) || list.length > SHOWN) {
      refuse('The tickets ' + where + ' must be a list of at most ' + SHOWN + '.');
    }
    for (var i = 0; i < list.length; i++) {
      checkOnly(list[i], ['ticket', 'name'], 'A ticket ' + where);
      if (typeof list[i].ticket !== 'string' || !/^([A-Z]-)?[0-9]{1,6}$/.test(list[i].ticket)) {
        refuse('A ticket ' + where + ' must read like A-12 or 12.');
      }
      if ('name' in list[i]) {
        checkText(list[i].name, NAME_MAX, 'The name of a ticket ' + where);
      }
    }
  }

  // Whether a deletion's body is not a lobby's status a desk could write.
  function notAStatus(doc) {
    var body = {};
    for (var key in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, key) && key !== '_deleted') {
        body[key] = doc[key];
      }
    }
    try {
      checkStatus(body);
    } catch (e) {
      return true;
    }
    return false;
  }

  // Two values the same, an absent field counting as its empty value (the
  // desk writes `"note": ""` where a kiosk may have left the field out).
  function same(a, b) {
    if (isEmpty(a) && isEmpty(b)) {
      return true;
    }
    return canonical(a) === canonical(b);
  }

  function canonical(value) {
    if (Array.isArray(value)) {
      var items = [];
      for (var i = 0; i < value.length; i++) {
        items.push(canonical(value[i]));
      }
      return '[' + items.join(',') + ']';
    }
    if (value !== null && typeof value === 'object') {
      var keys = Object.keys(value).sort();
      var parts = [];
      for (var k = 0; k < keys.length; k++) {
        parts.push(JSON.stringify(keys[k]) + ':' + canonical(value[keys[k]]));
      }
      return '{' + parts.join(',') + '}';
    }
    return JSON.stringify(value);
  }

  // Strings in the order of their code points, as the desk (Rust) orders them.
  function before(a, b) {
    for (var i = 0; i < a.length && i < b.length; i++) {
      var x = a.charCodeAt(i);
      var y = b.charCodeAt(i);
      if (x !== y) {
        x = x >= 0xE000 ? x - 0x800 : x >= 0xD800 ? x + 0x2000 : x;
        y = y >= 0xE000 ? y - 0x800 : y >= 0xD800 ? y + 0x2000 : y;
        return x < y;
      }
    }
    return a.length < b.length;
  }

  function generation(rev) {
    var n = typeof rev === 'string' ? parseInt(rev.split('-')[0], 10) : 0;
    return n > 0 ? n : 0;
  }

  function carriesBody(doc) {
    for (var key in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, key) && ['_id', '_rev', '_revisions', '_deleted'].indexOf(key) === -1) {
        return true;
      }
    }
    return false;
  }

  // Whether `doc` is not a version of the record `existing` is: another type
  // or id, other words of the customer's, a field the rules do not know, or
  // longer than a document may be.
  function differentRecord(doc, existing) {
    if (doc.type !== existing.type || JSON.stringify(doc).length > MAX_DOC) {
      return true;
    }
    for (var key in doc) {
      if (Object.prototype.hasOwnProperty.call(doc, key) && DOC_FIELDS.indexOf(key) === -1) {
        return true;
      }
    }
    var mine = doc.type === 'intake' ? doc.intake : doc.feedback;
    var theirs = existing.type === 'intake' ? existing.intake : existing.feedback;
    if (typeof mine !== 'object' || mine === null || typeof theirs !== 'object' || theirs === null || mine.id !== doc._id) {
      return true;
    }
    var said = (doc.type === 'intake' ? INTAKE_CUSTOMER : FEEDBACK_CUSTOMER).concat(['language']);
    for (var i = 0; i < said.length; i++) {
      if (!same(mine[said[i]], theirs[said[i]]) && !(said[i] === 'language' && (isEmpty(mine.language) || isEmpty(theirs.language)))) {
        return true;
      }
    }
    var fields = doc.type === 'intake' ? INTAKE_FIELDS : FEEDBACK_FIELDS;
    for (var field in mine) {
      if (Object.prototype.hasOwnProperty.call(mine, field) && fields.indexOf(field) === -1 && !same(mine[field], theirs[field])) {
        return true;
      }
    }
    return false;
  }

  if (hasRole('_admin')) {
    return;
  }
  if (!userCtx.name) {
    throw { unauthorized: 'Log in with a Lobby kiosk or desk account.' };
  }
  // CouchDB already keeps design documents to database admins; this repeats it
  // so the rule holds on servers that do not.
  if (newDoc._id.indexOf('_design/') === 0) {
    refuse('Only an administrator may change design documents.');
  }

  var isDesk = hasRole('desk');
  var isKiosk = hasRole('kiosk');
  if (!isDesk && !isKiosk) {
    refuse('The account ' + userCtx.name + ' has neither the kiosk nor the desk role.');
  }
  // An account with both roles is held to a kiosk's rules, as the door does.
  if (isKiosk) {
    isDesk = false;
  }
  var letter = null;
  for (var n = 0; n < roles.length; n++) {
    if (/^letter:[A-Z]$/.test(roles[n])) {
      letter = roles[n].slice('letter:'.length);
    }
  }
  var existing = oldDoc && !oldDoc._deleted ? oldDoc : null;

  // The lobby's status is the desk's: a lobby board shows it to everyone.
  if (!isDesk && (isStatus(newDoc) || (oldDoc && isStatus(oldDoc)))) {
    refuse('A kiosk may not write the lobby\'s status.');
  }

  if (newDoc._attachments) {
    refuse('Only an administrator may attach files to a document.');
  }

  // A desk names the revision it changes, as a plain write does, and nothing
  // else: a revision of its own making (a replicated write, new_edits=false)
  // could invent a history, or a version in conflict with the real one. What
  // the rules are shown, as observed: a plain write's newDoc carries the
  // revision the client named, a replicated write's the new revision; CouchDB
  // passes as oldDoc the revision written over (none when its history is
  // unknown), pouchdb-server the current winner. A plain write names the
  // revision oldDoc is (a desk changes the winner, as it merges a conflict);
  // a deletion names a revision no newer than oldDoc (pouchdb-server passes
  // the winner when a desk deletes a revision that lost); a replicated
  // write's revision is newer than any the database has.
  if (isDesk && newDoc._rev !== undefined) {
    if (!existing) {
      refuse('The desk may change only a document the database has, naming the revision it read: ' +
        newDoc._rev + ' is not one.');
    }
    if (newDoc._deleted ? generation(newDoc._rev) > generation(existing._rev) : newDoc._rev !== existing._rev) {
      refuse('The desk must change the revision it read (' + existing._rev + '), not send one of its own making (' +
        newDoc._rev + ').');
    }
  }

  // A deletion: of a revision the database has, and no more.
  if (newDoc._deleted) {
    if (!isDesk) {
      refuse('A kiosk may not delete documents.');
    }
    if (!existing) {
      refuse('The desk may delete only a revision the database has, not one deleted already or never written.');
    }
    if (!isLobbyType(existing) && existing.type !== 'status') {
      refuse('The desk may delete only intake and feedback documents, and the lobby\'s status.');
    }
    // CouchDB's deletion carries nothing but the id and the revision;
    // pouchdb-server's carries the body of the revision deleted, a version of
    // this very record: the same type and id, and what the customer said (of
    // the lobby's status, one the desk could write).
    if (carriesBody(newDoc) &&
        (existing.type === 'status' ? notAStatus(newDoc) : differentRecord(newDoc, existing))) {
      refuse('A deletion carries nothing but the id and the revision.');
    }
    return;
  }

  var size = JSON.stringify(newDoc).length;
  if (size > MAX_DOC) {
    refuse('The document is too long: ' + size + ' characters, at most ' + MAX_DOC + '.');
  }
  // The lobby's status: one document, the desk's (a kiosk was refused above),
  // any revision of it as valid as the last.
  if (isStatus(newDoc)) {
    checkStatus(newDoc);
    if (existing && existing.type !== 'status') {
      refuse('A document keeps its type: it is ' + JSON.stringify(existing.type) + '.');
    }
    return;
  }
  if (!isLobbyType(newDoc)) {
    refuse('The type must be "intake", "feedback" or "status", not ' + JSON.stringify(newDoc.type) + '.');
  }
  for (var key in newDoc) {
    if (Object.prototype.hasOwnProperty.call(newDoc, key) && DOC_FIELDS.indexOf(key) === -1) {
      refuse('A document has no field ' + JSON.stringify(key).slice(0, 60) + ' here.');
    }
  }
  // A record's id says its type: feedback ids start with "feedback-", intake ids
  // never do. A document whose id and type disagree would be stored under one
  // and looked up under the other.
  var record = newDoc.type === 'intake' ? newDoc.intake : newDoc.feedback;
  var a = newDoc.type === 'intake' ? 'An intake' : 'A feedback';
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    refuse(a + ' document needs ' + (newDoc.type === 'intake' ? 'an' : 'a') + ' "' + newDoc.type + '" object.');
  }
  if ((newDoc.type === 'intake' ? 'feedback' : 'intake') in newDoc) {
    refuse(a + ' document holds one record, its "' + newDoc.type + '".');
  }
  if (record.id !== newDoc._id) {
    refuse('A document\'s _id must equal its ' + newDoc.type + '.id.');
  }
  if ((newDoc._id.indexOf('feedback-') === 0) !== (newDoc.type === 'feedback')) {
    refuse('Feedback ids, and only they, start with "feedback-".');
  }
  checkId(newDoc._id, 'The id');
  if (typeof newDoc.schema !== 'number' || newDoc.schema % 1 !== 0 || newDoc.schema < 1 || newDoc.schema > 1000) {
    refuse('A document needs a whole-number "schema" version.');
  }
  var fields = newDoc.type === 'intake' ? INTAKE_FIELDS : FEEDBACK_FIELDS;
  var kind = newDoc.type === 'intake' ? 'A check-in' : 'Feedback';
  if (!existing || existing.type !== newDoc.type) {
    // Made now: every field is checked.
    checkOnly(record, fields, kind);
    checkSaid(record, newDoc.type);
  }
  if (newDoc.type === 'intake') {
    checkIntakeDesk(record);
  } else {
    checkFeedbackDesk(record);
  }

  if (!isDesk) {
    // A kiosk may only bring a new document into the database, never continue
    // an existing one (a deleted revision counts too).
    if (oldDoc) {
      refuse('A kiosk may only create documents, not change them.');
    }
    // A kiosk creates with plain writes, which carry no revision. A revision
    // means a replicated write (new_edits=false), which could slip a second,
    // conflicting version into an intake that is already there: when that
    // version's history is unknown here, CouchDB passes no oldDoc.
    if (newDoc._rev) {
      refuse('A kiosk may only create documents, not send revisions of them.');
    }
    // The customer's own words, and nothing the desk writes.
    if (newDoc.type === 'intake') {
      if ('status' in record && record.status !== 'waiting') {
        refuse('A new check-in is waiting: only the desk moves it on.');
      }
      for (var f = 0; f < INTAKE_DESK.length; f++) {
        if (!isEmpty(record[INTAKE_DESK[f]])) {
          refuse('A new check-in leaves ' + WORDS[INTAKE_DESK[f]] + ' to the desk.');
        }
      }
      // The ticket letter is the account's own (the role letter:A).
      if (letter && 'letter' in record && record.letter !== null && record.letter !== letter) {
        refuse('This kiosk hands out tickets with the letter ' + letter + ', not ' + record.letter + '.');
      }
    } else {
      if (!isEmpty(record.follow_up)) {
        refuse('New feedback leaves the follow-up to the desk.');
      }
      // A kiosk links only a check-in it filed itself: one of its own device.
      if (record.intake_id !== undefined && record.intake_id !== null &&
          (typeof record.device !== 'string' || record.intake_id.indexOf(record.device + '-') !== 0)) {
        refuse('Feedback may name only a check-in filed on the same device; otherwise the ticket says whose it is.');
      }
    }
    return;
  }

  if (!existing) {
    // A desk creates what a kiosk window in its own browser filed (the desk
    // sends it, with what its staff did meanwhile): any valid record.
    return;
  }
  if (existing.type !== newDoc.type) {
    refuse('A document keeps its type: it is ' + JSON.stringify(existing.type) + '.');
  }
  var prior = existing.type === 'intake' ? existing.intake : existing.feedback;
  if (typeof prior !== 'object' || prior === null || Array.isArray(prior)) {
    prior = {};
  }
  if (typeof existing.schema === 'number' && newDoc.schema < existing.schema) {
    refuse('A document\'s schema never goes back.');
  }
  // What was checked as the record was made is kept as it is, so a check-in
  // filed under a code since removed can still be served; a field the rules
  // do not know may only stay as it was.
  for (var extra in record) {
    if (Object.prototype.hasOwnProperty.call(record, extra) && fields.indexOf(extra) === -1 &&
        !same(prior[extra], record[extra])) {
      refuse(kind + ' has a field the rules do not know: ' + JSON.stringify(extra).slice(0, 60) + '.');
    }
  }
  // A record of the first schema had no language: the desk adds English.
  if (!isEmpty(prior.language) && prior.language !== record.language) {
    refuse('The desk may not change what the customer said (language).');
  }
  if (isEmpty(prior.language) && !isEmpty(record.language)) {
    checkLanguage(record.language);
  }
  if (newDoc.type === 'intake') {
    for (var c = 0; c < INTAKE_CUSTOMER.length; c++) {
      if (!same(prior[INTAKE_CUSTOMER[c]], record[INTAKE_CUSTOMER[c]])) {
        refuse('The desk may not change what the customer said (' + INTAKE_CUSTOMER[c] + ').');
      }
    }
    var was = prior.reopened || 0;
    var now = record.reopened || 0;
    if (now < was) {
      refuse('A check-in\'s count of steps back (reopened) never goes down.');
    }
    // Back to waiting, or Undo: the desk's deliberate step back counts itself
    // in reopened (Intake::reopen); any other move is forward only.
    var from = STATUSES.indexOf(prior.status || 'waiting');
    var to = STATUSES.indexOf(record.status || 'waiting');
    if (to < from && now <= was) {
      refuse('A status moves back only by a deliberate step back at the desk (Undo, Back to waiting), which counts itself in reopened.');
    }
    return;
  }
  for (var g = 0; g < FEEDBACK_CUSTOMER.length; g++) {
    if (!same(prior[FEEDBACK_CUSTOMER[g]], record[FEEDBACK_CUSTOMER[g]])) {
      refuse('The desk may not change what the customer said (' + FEEDBACK_CUSTOMER[g] + ').');
    }
  }
  // A comment kept, and a wish to talk, may join feedback sent without them
  // (as the desk merges two versions); never change or go.
  if (!isEmpty(prior.comment) && prior.comment !== record.comment) {
    refuse('The desk may not change what the customer said (comment).');
  }
  if (isEmpty(prior.comment) && !isEmpty(record.comment)) {
    checkText(record.comment, NOTE_MAX, 'The comment');
  }
  if ('wants_talk' in record) {
    checkFlag(record.wants_talk, 'wants_talk');
  }
  if (prior.wants_talk === true && record.wants_talk !== true) {
    refuse('A wish to talk to someone stays on the feedback.');
  }
  // A follow-up is handled once: it stays, and only the first of two (the
  // earlier, as the desk merges them) may take its place.
  var old = prior.follow_up;
  if (old !== undefined && old !== null) {
    var next = record.follow_up;
    if (next === undefined || next === null) {
      refuse('A follow-up once handled stays handled.');
    }
    var oldNote = typeof old.note === 'string' ? old.note : '';
    var nextNote = typeof next.note === 'string' ? next.note : '';
    var earlier = next.at_ms < old.at_ms || (next.at_ms === old.at_ms && !before(oldNote, nextNote));
    if (!earlier) {
      refuse('A follow-up once handled stays as it was: only an earlier one of another desk may take its place.');
    }
  }
}
