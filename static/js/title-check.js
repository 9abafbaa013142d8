/*
 * The job post form's live standard-title check (careers/views/employer.py, title_check).
 *
 * Progressive enhancement only: without this file the same note appears when the employer
 * presses "Check the title" or saves the post. With it, the note in the form's live region
 * (aria-live="polite", so screen readers hear it once typing pauses) follows what is typed.
 * The note never blocks the form. The server holds the one rule (careers/standard_titles.py);
 * this file only asks it, at most once per pause in typing.
 */
(function () {
  "use strict";

  var region = document.getElementById("title-check");
  if (!region || !window.fetch || !window.FormData) {
    return;
  }
  var form = region.closest("form");
  var url = region.getAttribute("data-check-url");
  if (!form || !url) {
    return;
  }
  var title = form.querySelector("[name=title]");
  var description = form.querySelector("[name=description]");
  var token = form.querySelector("[name=csrfmiddlewaretoken]");
  var PAUSE_MS = 700;
  var timer = null;
  var controller = null;
  var stopped = false;

  function typed() {
    return {
      title: title ? title.value : "",
      description: description ? description.value : ""
    };
  }

  function key(values) {
    return values.title + "\u0000" + values.description;
  }

  // The page arrived with the note for what the form holds now.
  var last = key(typed());

  function show(html) {
    // Only when it changed, so screen readers do not hear the same note again.
    if (region.innerHTML.trim() !== html.trim()) {
      region.innerHTML = html;
    }
  }

  function check() {
    var values = typed();
    var now = key(values);
    if (stopped || now === last) {
      return;
    }
    last = now;
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    var body = new FormData();
    body.append("title", values.title);
    body.append("description", values.description);
    fetch(url, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: {
        "Accept": "application/json",
        "X-CSRFToken": token ? token.value : ""
      },
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) {
        if (response.status === 429) {
          // Over the limit: the check still comes back on "Check the title" and on saving.
          stopped = true;
          return null;
        }
        return response.ok ? response.json() : null;
      })
      .then(function (data) {
        if (data && typeof data.html === "string") {
          show(data.html);
        }
      })
      .catch(function () {
        // Offline or aborted: the note stays as it was.
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, PAUSE_MS);
  }

  // The rich-text editor writes into the description's textarea and announces it with an
  // "input" event that bubbles to the form.
  form.addEventListener("input", later);
  form.addEventListener("change", later);
})();
