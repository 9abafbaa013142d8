// Accessibility fixes for the rich-text editor (django-prose-editor), wherever it is used: the
// admin's change forms (portal.admin.CspNonceMediaMixin) and the employer's job form
// (careers.views.employer). Each answers an axe-core check (WCAG 2.2 AA).
//
// 1. aria-input-field-name (WCAG 4.1.2): the editor hides the field's <textarea> and edits in a
//    contenteditable element with role="textbox" that nothing names. Point it at the field's
//    <label>, and at the help text the textarea is described by.
// 2. color-contrast (WCAG 1.4.3): the toolbar shows a button that cannot act now (undo with
//    nothing to undo) only as faded, by a "disabled" class; a screen reader hears an ordinary
//    button, and axe measures its faded icon as text. Say it with aria-disabled, which is also
//    what exempts an inactive control from the contrast minimum; and say with aria-pressed
//    whether a formatting button (bold, italic...) is on where the cursor is.

function labelEditor(textarea, editable) {
  if (!textarea.id) return
  const label = document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`)
  if (label) {
    label.id ||= `${textarea.id}-label`
    editable.setAttribute("aria-labelledby", label.id)
  }
  const description = textarea.getAttribute("aria-describedby")
  if (description) editable.setAttribute("aria-describedby", description)
  editable.setAttribute("aria-multiline", "true")
}

const TOOLBAR_BUTTON = "button.prose-menubar__button"
// The formatting buttons that switch a mark on and off; the others act once or open a dialog.
const TOGGLES = new Set(["bold", "italic", "underline", "strike", "subscript", "superscript", "code"])

function syncButton(button) {
  const active = button.classList.contains("active")
  const disabled = button.classList.contains("disabled") && !active
  if (disabled) button.setAttribute("aria-disabled", "true")
  else button.removeAttribute("aria-disabled")
  if (TOGGLES.has(button.dataset.name)) button.setAttribute("aria-pressed", String(active))
}

function watchToolbar(container) {
  // The toolbar may be built after the editor starts, and its buttons change class as the cursor
  // moves: follow both. (Setting aria-* attributes below triggers no further change here.)
  const syncAll = () => {
    for (const button of container.querySelectorAll(TOOLBAR_BUTTON)) syncButton(button)
  }
  syncAll()
  new MutationObserver(syncAll).observe(container, {
    attributes: true,
    attributeFilter: ["class"],
    childList: true,
    subtree: true,
  })
}

const done = new WeakSet()

function improve(textarea) {
  const container = textarea?.closest(".prose-editor")
  const editable = container?.querySelector('[contenteditable][role="textbox"]')
  if (!editable || done.has(container)) return
  done.add(container)
  labelEditor(textarea, editable)
  watchToolbar(container)
}

// Editors that start after this script runs say so with an event...
document.addEventListener("prose-editor:ready", (event) => improve(event.detail.textarea))
// ...and those already running are found in the page.
for (const textarea of document.querySelectorAll(".prose-editor > textarea")) improve(textarea)
