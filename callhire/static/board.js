// The pipeline board: drag a card to another column, or use its "Move to" form without a reload.
// Every card's form works without this script; the script only saves the page reload.
(function () {
  "use strict";
  var board = document.querySelector(".board");
  if (!board) return;
  var status = document.getElementById("board-status");
  var dialog = document.getElementById("reject-dialog");
  var rejectForm = document.getElementById("reject-form");
  var dragged = null;

  function say(text) {
    status.textContent = text;
  }

  function cardOf(pk) {
    return document.getElementById("card-" + pk);
  }

  function column(stage) {
    return document.querySelector('.column[data-stage="' + stage + '"]');
  }

  function send(card, data) {
    var form = card.querySelector(".move-form");
    data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    return fetch(form.action, {
      method: "POST",
      body: data,
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    }).then(function (response) {
      return response.json().catch(function () {
        return { ok: false, error: status.dataset.failedText };
      });
    });
  }

  function place(card, result) {
    Object.keys(result.counts).forEach(function (stage) {
      var badge = document.querySelector('[data-count="' + stage + '"]');
      if (badge) badge.textContent = result.counts[stage];
    });
    var target = column(result.stage);
    var list = target && target.querySelector(".cards");
    if (list) {
      list.insertBefore(card, list.firstChild);
      card.querySelector("select[name=stage]").value = result.stage;
    } else {
      card.remove(); // rejected and withdrawn are counts, not columns of cards
    }
    say(result.message);
  }

  function move(card, stage, extra) {
    var data = extra || new FormData();
    data.set("stage", stage);
    card.setAttribute("aria-busy", "true");
    return send(card, data).then(function (result) {
      card.removeAttribute("aria-busy");
      if (result.ok) {
        place(card, result);
      } else {
        say(result.error);
      }
      return result;
    }, function () {
      card.removeAttribute("aria-busy");
      say(status.dataset.offlineText);
      return { ok: false };
    });
  }

  function askReason(card) {
    if (!dialog || typeof dialog.showModal !== "function") {
      // No dialog support: the candidate page asks for the reason.
      window.location = card.querySelector(".card-name").href + "#move";
      return;
    }
    rejectForm.reset();
    rejectForm.setAttribute("data-pk", card.getAttribute("data-pk"));
    dialog.querySelector("[data-reject-name]").textContent = card.getAttribute("data-name");
    dialog.querySelector("[data-reject-error]").textContent = "";
    dialog.showModal();
    dialog.querySelector("select[name=reason]").focus();
  }

  if (rejectForm) {
    rejectForm.addEventListener("submit", function (event) {
      event.preventDefault();
      var card = cardOf(rejectForm.getAttribute("data-pk"));
      var data = new FormData(rejectForm);
      data.delete("csrfmiddlewaretoken");
      move(card, "rejected", data).then(function (result) {
        if (result.ok) {
          dialog.close();
          status.focus(); // the card that had the focus has left the board
        } else {
          dialog.querySelector("[data-reject-error]").textContent = result.error || "";
        }
      });
    });
    dialog.querySelector("[data-reject-cancel]").addEventListener("click", function () {
      dialog.close();
    });
  }

  board.addEventListener("submit", function (event) {
    var form = event.target.closest(".move-form");
    if (!form) return;
    event.preventDefault();
    var card = form.closest(".card");
    var stage = form.querySelector("select[name=stage]").value;
    if (stage === "rejected") {
      askReason(card);
      return;
    }
    move(card, stage).then(function (result) {
      if (result.ok) card.querySelector("select[name=stage]").focus();
    });
  });

  document.querySelectorAll(".card[draggable=true]").forEach(function (card) {
    card.addEventListener("dragstart", function (event) {
      dragged = card;
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", card.getAttribute("data-pk"));
      card.classList.add("dragging");
    });
    card.addEventListener("dragend", function () {
      card.classList.remove("dragging");
      dragged = null;
    });
  });

  document.querySelectorAll(".column").forEach(function (target) {
    target.addEventListener("dragover", function (event) {
      if (!dragged) return;
      event.preventDefault();
      target.classList.add("drop-here");
    });
    target.addEventListener("dragleave", function () {
      target.classList.remove("drop-here");
    });
    target.addEventListener("drop", function (event) {
      event.preventDefault();
      target.classList.remove("drop-here");
      var card = dragged || cardOf(event.dataTransfer.getData("text/plain"));
      if (!card) return;
      var stage = target.getAttribute("data-stage");
      if (card.closest(".column") === target) return;
      if (stage === "rejected") {
        askReason(card);
      } else {
        move(card, stage);
      }
    });
  });
})();
