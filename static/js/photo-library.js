// "Chèn ảnh" in the body editor: a library photo as one block, and the dialog that picks or uploads it.
// Loaded by django-prose-editor's configurable preset (DJANGO_PROSE_EDITOR_EXTENSIONS in settings). The
// dialog's HTML comes from the server (templates/admin/articles/photo/library.html); this file only swaps
// it in and inserts the chosen figure. What is stored is
// <figure data-photo-id="12" data-caption="…" data-credit="…" data-alt="…"></figure>, sanitized on save.
import { Node } from "django-prose-editor/editor"

const TEXTS = ["caption", "credit", "alt"]

function thumbnailUrl(options, photoId) {
  return options.thumbnailUrl.replace("/0/", `/${encodeURIComponent(photoId)}/`)
}

function textAttribute(name) {
  return {
    default: "",
    parseHTML: (element) => element.getAttribute(`data-${name}`) || "",
    renderHTML: (attributes) => ({ [`data-${name}`]: attributes[name] || "" }),
  }
}

// --- The dialog ---------------------------------------------------------------------------------------------

let dialog = null
let target = null // { editor, options, position, editing }: where the chosen photo goes

function showMessage(text) {
  const note = document.createElement("p")
  note.className = "errornote"
  note.textContent = text
  const close = document.createElement("button")
  close.type = "button"
  close.dataset.photoLibrary = "close"
  close.textContent = "×"
  dialog.replaceChildren(note, close)
}

async function load(url, init = {}) {
  dialog.setAttribute("aria-busy", "true")
  try {
    const response = await fetch(url, { credentials: "same-origin", ...init })
    const type = response.headers.get("Content-Type") || ""
    // 400 is an upload the server refused file by file: its page says why, in the dialog's own words.
    if ((response.ok || response.status === 400) && type.startsWith("text/html") && !response.redirected) {
      dialog.innerHTML = await response.text()
    } else {
      showMessage(target.options.loadError)
    }
  } catch {
    showMessage(target.options.loadError)
  } finally {
    dialog.removeAttribute("aria-busy")
  }
}

// ``chosen``: a grid item's dataset, or a figure's attributes when its texts are being changed.
function showUseForm(chosen) {
  const form = dialog.querySelector(".photo-library-use")
  if (!form) return
  form.elements.photo_id.value = chosen.photoId
  for (const name of TEXTS) form.elements[name].value = chosen[name] || ""
  const thumb = form.querySelector(".photo-library-use-thumb")
  thumb.src = chosen.thumb || thumbnailUrl(target.options, chosen.photoId)
  dialog.querySelector(".photo-library-browse").hidden = true
  form.hidden = false
  form.elements.caption.focus()
}

function showBrowse() {
  dialog.querySelector(".photo-library-use").hidden = true
  dialog.querySelector(".photo-library-browse").hidden = false
}

function insertChosen(form) {
  const attrs = { photoId: form.elements.photo_id.value }
  for (const name of TEXTS) attrs[name] = form.elements[name].value.normalize("NFC").trim()
  const { editor, position, editing } = target
  dialog.close()
  if (editing) {
    // The same figure, with other texts (or another photo): one step that Undo takes back.
    editor.chain().focus().setNodeSelection(position).updateAttributes("newsroomPhoto", attrs).run()
  } else {
    editor.chain().focus().insertContentAt(position, { type: "newsroomPhoto", attrs }).run()
  }
}

function onClick(event) {
  const action = event.target.closest("[data-photo-library]")
  if (action?.dataset.photoLibrary === "close") dialog.close()
  else if (action?.dataset.photoLibrary === "choose") showUseForm(action.dataset)
  else if (action?.dataset.photoLibrary === "back") showBrowse()
  else {
    const link = event.target.closest(".photo-library-pages a")
    if (link) {
      event.preventDefault()
      load(link.href)
    }
  }
}

function onSubmit(event) {
  const form = event.target
  event.preventDefault()
  if (form.classList.contains("photo-library-search")) {
    const query = new URLSearchParams(new FormData(form))
    load(`${form.action}?${query}`)
  } else if (form.classList.contains("photo-library-upload")) {
    load(form.action, { method: "POST", body: new FormData(form) })
  } else if (form.classList.contains("photo-library-use")) {
    insertChosen(form)
  }
}

// ``editing``: { position, attrs } of a figure whose texts are changed; null to insert a new one.
async function openLibrary(editor, options, editing = null) {
  if (!dialog) {
    dialog = document.createElement("dialog")
    dialog.className = "photo-library"
    dialog.addEventListener("click", onClick)
    dialog.addEventListener("submit", onSubmit)
    document.body.append(dialog)
  }
  // The selection as it is now: the dialog takes the focus, the photo goes where the cursor was.
  const position = editing ? editing.position : editor.state.selection.to
  target = { editor, options, position, editing }
  dialog.setAttribute("aria-label", options.dialogLabel)
  dialog.replaceChildren()
  dialog.showModal()
  await load(options.libraryUrl)
  if (editing) showUseForm(editing.attrs)
}

// --- The node -----------------------------------------------------------------------------------------------

export const NewsroomPhoto = Node.create({
  name: "newsroomPhoto",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,

  addOptions() {
    return {
      libraryUrl: "",
      thumbnailUrl: "",
      label: "Chèn ảnh",
      creditLabel: "%(credit)s",
      dialogLabel: "",
      loadError: "",
      editHint: "",
    }
  },

  addAttributes() {
    return {
      photoId: {
        default: null,
        parseHTML: (element) => element.getAttribute("data-photo-id"),
        renderHTML: (attributes) => ({ "data-photo-id": attributes.photoId }),
      },
      caption: textAttribute("caption"),
      credit: textAttribute("credit"),
      alt: textAttribute("alt"),
    }
  },

  parseHTML() {
    // Above any other figure rule: this one is ours whenever the figure names a library photo.
    return [{ tag: "figure[data-photo-id]", priority: 100 }]
  },

  renderHTML({ HTMLAttributes }) {
    return ["figure", HTMLAttributes]
  },

  addNodeView() {
    const options = this.options
    return ({ node, editor, getPos }) => {
      let shown = node
      const dom = document.createElement("figure")
      dom.className = "newsroom-photo"
      dom.contentEditable = "false"
      dom.title = options.editHint
      const image = document.createElement("img")
      const caption = document.createElement("figcaption")
      dom.append(image, caption)
      const draw = (current) => {
        const { photoId, alt, credit } = current.attrs
        image.src = thumbnailUrl(options, photoId)
        image.alt = alt || ""
        caption.replaceChildren()
        if (current.attrs.caption) caption.append(current.attrs.caption)
        if (credit) {
          const line = document.createElement("span")
          line.className = "credit"
          line.textContent = options.creditLabel.replace("%(credit)s", credit)
          caption.append(" ", line)
        }
      }
      draw(node)
      // A double click changes this use's caption, credit or alt text.
      dom.addEventListener("dblclick", (event) => {
        event.preventDefault()
        if (editor.isEditable) openLibrary(editor, options, { position: getPos(), attrs: shown.attrs })
      })
      return {
        dom,
        update(updated) {
          if (updated.type !== node.type) return false
          shown = updated
          draw(updated)
          return true
        },
      }
    }
  },

  addMenuItems({ menu, buttons }) {
    const options = this.options
    menu.defineItem({
      name: "newsroomPhoto",
      groups: "nodes",
      button: buttons.text(options.label, options.label),
      command(editor) {
        openLibrary(editor, options)
      },
      enabled: (editor) => editor.isEditable,
    })
  },
})
