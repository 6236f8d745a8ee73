// The review queue, by keyboard: j next, k back, a accept, r reject, c correct,
// m missed event, Esc close a form. Every decision goes through the JSON API
// (so it is in the audit trail); article text is only ever set as text.
(function () {
  "use strict";
  var queue = document.getElementById("queue");
  if (!queue) { return; }
  var items = Array.prototype.slice.call(queue.querySelectorAll(".queue-item"));
  var writable = queue.getAttribute("data-writable") === "true";
  var correctForm = document.getElementById("correct-form");
  var missedForm = document.getElementById("missed-form");
  var problem = document.getElementById("problem");
  var decided = document.getElementById("decided");
  var remaining = document.getElementById("remaining");
  var current = 0;

  function select(index) {
    if (!items.length) { return; }
    current = Math.max(0, Math.min(items.length - 1, index));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    items[current].scrollIntoView({block: "nearest"});
  }

  function say(message) {
    problem.textContent = message || "";
    problem.hidden = !message;
  }

  function closeForms() {
    correctForm.hidden = true;
    missedForm.hidden = true;
    // the keys go back to the queue, not to a field of a form now hidden
    if (document.activeElement && document.activeElement !== document.body) { document.activeElement.blur(); }
  }

  function post(url, body) {
    return fetch(url, {method: "POST", credentials: "same-origin",
                       headers: {"Content-Type": "application/json"}, body: JSON.stringify(body)})
      .then(function (response) {
        return response.json().then(function (data) {
          if (!response.ok) { throw new Error(data.error || ("the server answered " + response.status)); }
          return data;
        });
      });
  }

  function count(element, by) {
    element.textContent = String(Math.max(0, parseInt(element.textContent, 10) + by));
  }

  function decide(action, changes, note) {
    if (!writable) { say("sign in to review"); return; }
    var item = items[current];
    var first = item.getAttribute("data-status") === "unreviewed";
    var body = {action: action};
    if (changes) { body.changes = changes; }
    if (note) { body.note = note; }
    post("/api/events/" + encodeURIComponent(item.getAttribute("data-id")) + "/review", body)
      .then(function (data) {
        var status = data.event.status;
        item.setAttribute("data-status", status);
        item.querySelector("[data-role=status]").textContent = status;
        item.classList.add("decided");
        if (first) { count(decided, 1); count(remaining, -1); }
        say("");
        closeForms();
        select(current + 1);
      })
      .catch(function (error) { say(error.message); });
  }

  function openCorrect() {
    if (!writable) { say("sign in to review"); return; }
    var item = items[current];
    closeForms();
    correctForm.elements.category.value = item.getAttribute("data-category");
    correctForm.elements.actor.value = item.getAttribute("data-actor");
    correctForm.elements.recipient.value = item.getAttribute("data-recipient");
    correctForm.elements.note.value = "";
    item.appendChild(correctForm);  // the form opens under the event it corrects
    correctForm.hidden = false;
    correctForm.elements.category.focus();
  }

  function openMissed() {
    if (!writable) { say("sign in to review"); return; }
    var item = items[current];
    closeForms();
    missedForm.elements.sentence.value = item.getAttribute("data-sentence");
    missedForm.elements.actor.value = "";
    missedForm.elements.recipient.value = "";
    missedForm.elements.trigger.value = "";
    item.appendChild(missedForm);
    missedForm.hidden = false;
    missedForm.elements.category.focus();
  }

  correctForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var item = items[current];
    var changes = {};
    ["category", "actor", "recipient"].forEach(function (name) {
      var value = correctForm.elements[name].value;
      if (value !== item.getAttribute("data-" + name)) { changes[name] = value; }
    });
    if (!Object.keys(changes).length) { say("nothing was changed: accept it instead (a)"); return; }
    decide("correct", changes, correctForm.elements.note.value.trim());
  });

  missedForm.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var item = items[current];
    var body = {};
    ["sentence", "category", "actor", "recipient", "trigger"].forEach(function (name) {
      body[name] = missedForm.elements[name].value.trim();
    });
    post("/api/documents/" + encodeURIComponent(item.getAttribute("data-doc")) + "/missed", body)
      .then(function () {
        count(decided, 1);
        say("");
        closeForms();
        var note = document.createElement("p");
        note.className = "missed-note";
        note.textContent = "missed " + body.category + " marked";
        item.insertBefore(note, missedForm.parentNode === item ? missedForm : null);
        select(current);
      })
      .catch(function (error) { say(error.message); });
  });

  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeForms(); return; }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.target.closest("input, textarea, select, button")) { return; }
    var actions = {
      j: function () { select(current + 1); },
      k: function () { select(current - 1); },
      a: function () { decide("accept"); },
      r: function () { decide("reject"); },
      c: openCorrect,
      m: openMissed
    };
    if (actions[ev.key]) { ev.preventDefault(); actions[ev.key](); }
  });

  items.forEach(function (item, i) {
    item.addEventListener("click", function (ev) {
      if (!ev.target.closest("a")) { select(i); }
    });
  });
  select(0);
})();
