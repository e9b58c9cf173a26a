function (newDoc, oldDoc, userCtx, secObj) {
  // Lobby's write rules for its sync database, installed as the
  // validate_doc_update of _design/lobby by scripts/couch-setup.mjs.
  //
  // CouchDB runs this function on every write that is not made by an admin,
  // including writes that arrive through replication. Who may read is decided
  // by the database's _security object, not here.
  //
  //   kiosk  may create intake and feedback documents, never change or delete
  //          them: a tablet in a public room should not be able to rewrite
  //          or erase what other customers have filed.
  //   desk   may create and update intake and feedback documents, and delete
  //          them (it resolves a conflict by merging the revisions and
  //          deleting the ones that lost).
  //   admin  anything: setup, repairs, replication between databases.
  //   anyone else is refused.
  //
  // The source is plain ES5 and must begin with `function`: CouchDB 3 and
  // pouchdb-server (used by the tests) both evaluate it as one function
  // expression, and pouchdb-server does so by prefixing it with `return `,
  // so a comment above this line would make it evaluate to nothing.

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

  // A deletion carries no body, so only what it deletes can be checked.
  if (newDoc._deleted) {
    if (!isDesk) {
      refuse('A kiosk may not delete documents.');
    }
    if (oldDoc && !oldDoc._deleted && !isLobbyType(oldDoc)) {
      refuse('The desk may delete only intake and feedback documents.');
    }
    return;
  }

  if (!isLobbyType(newDoc)) {
    refuse('The type must be "intake" or "feedback", not ' + JSON.stringify(newDoc.type) + '.');
  }
  // A record's id says its type: feedback ids start with "feedback-", intake ids
  // never do. A document whose id and type disagree would be stored under one
  // and looked up under the other.
  var record = newDoc.type === 'intake' ? newDoc.intake : newDoc.feedback;
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    refuse('An ' + newDoc.type + ' document needs an "' + newDoc.type + '" object.');
  }
  if (record.id !== newDoc._id) {
    refuse('A document\'s _id must equal its ' + newDoc.type + '.id.');
  }
  if ((newDoc._id.indexOf('feedback-') === 0) !== (newDoc.type === 'feedback')) {
    refuse('Feedback ids, and only they, start with "feedback-".');
  }
  if (typeof newDoc.schema !== 'number' || newDoc.schema % 1 !== 0 || newDoc.schema < 1) {
    refuse('A document needs a whole-number "schema" version.');
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
  }
  if (oldDoc && !oldDoc._deleted && oldDoc.type !== newDoc.type) {
    refuse('A document keeps its type: it is ' + JSON.stringify(oldDoc.type) + '.');
  }
}
