// Page-wide behaviour of the Newsdesk UI (loaded once in <head>):
// - [n] markers in answers are links: scroll to their source card, open it if folded, flash it;
// - the article reader (a native <dialog>: focus kept inside, Esc closes, focus returns);
// - one polite live region for announcements (Sources updates, ingest results);
// - the question box's length counter (the limit is shown before a question is cut).
(() => {
  const MAX_QUESTION = __MAX_QUESTION_CHARS__;
  const fmt = (n) => n.toLocaleString('en-US');

  function liveRegion() {
    let el = document.getElementById('nd-live');
    if (!el) {
      el = document.createElement('div');
      el.id = 'nd-live';
      el.className = 'nd-sr-only';
      el.setAttribute('aria-live', 'polite');
      document.body.appendChild(el);
    }
    return el;
  }
  window.ndAnnounce = (text) => {
    if (!text) return;
    const el = liveRegion();
    el.textContent = '';
    setTimeout(() => { el.textContent = text; }, 60);
  };

  // Run fn(found) once find() returns something (a Python event has rendered it), or give up.
  window.ndWhen = (find, fn, timeoutMs = 20000) => {
    const started = Date.now();
    const poll = () => {
      const found = find();
      if (found) fn(found);
      else if (Date.now() - started < timeoutMs) setTimeout(poll, 100);
    };
    poll();
  };

  // -- citations ---------------------------------------------------------------------------
  document.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('a[href^="#nd-src-"]');
    if (!link) return;
    event.preventDefault();
    event.stopPropagation();
    const card = document.getElementById(link.getAttribute('href').slice(1));
    if (!card) {
      window.ndAnnounce('That source is no longer shown; ask again to see it.');
      return;
    }
    const folded = card.closest('details');
    if (folded) folded.open = true;
    card.scrollIntoView({ behavior: 'smooth', block: 'center' });
    card.focus({ preventScroll: true });
    card.classList.remove('nd-flash');
    void card.offsetWidth; // restart the animation
    card.classList.add('nd-flash');
  }, true);

  // -- the reader --------------------------------------------------------------------------
  function reader() {
    let dialog = document.getElementById('nd-reader');
    if (!dialog) {
      dialog = document.createElement('dialog');
      dialog.id = 'nd-reader';
      dialog.className = 'nd-reader';
      dialog.setAttribute('aria-labelledby', 'nd-reader-title');
      dialog.innerHTML =
        '<div class="nd-reader-bar"><button type="button" class="nd-reader-close">Close</button>' +
        '</div><div class="nd-reader-body"></div>';
      dialog.querySelector('.nd-reader-close').addEventListener('click', () => dialog.close());
      dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
      dialog.addEventListener('close', () => {
        if (dialog.ndOpener && dialog.ndOpener.isConnected) dialog.ndOpener.focus();
      });
      document.body.appendChild(dialog);
    }
    return dialog;
  }
  window.ndReader = {
    async open(opener, load) {
      const dialog = reader();
      const body = dialog.querySelector('.nd-reader-body');
      dialog.ndOpener = opener;
      body.innerHTML = '<h2 id="nd-reader-title">Loading the article…</h2>';
      if (!dialog.open) dialog.showModal();
      try {
        body.innerHTML = await load();
      } catch (err) {
        body.innerHTML = '<h2 id="nd-reader-title">The article could not be loaded</h2>' +
          '<p>Check that the server is still running, then try again.</p>';
      }
      const mark = body.querySelector('mark');
      if (mark) mark.scrollIntoView({ block: 'center' });
      window.ndAnnounce(mark ? 'Article open; the quoted passage is highlighted.' : 'Article open.');
    },
  };

  // -- copying an answer -------------------------------------------------------------------
  // The chat's copy button copies a message's source: our links and small print are markup
  // there. Copy what the reader sees instead: the text with its [n] markers.
  // String edits only: the text holds article words, which must never be parsed as HTML.
  const ENTITIES = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#x27;': "'" };
  function plain(text) {
    if (!/class="nd-/.test(text)) return text;
    return text
      .replace(/<span class="nd-sr-only">[^<]*<\/span>/g, '')
      .replace(/<a href="#nd-src-[\d-]+" class="nd-cite">([^<]*)<\/a>/g, '$1')
      .replace(/<small class="nd-[a-z]+">([^<]*)<\/small>/g,
        (_, inner) => inner.replace(/&(?:amp|lt|gt|quot|#x27);/g, (e) => ENTITIES[e]))
      .replace(/\\([\\`*_#|~<>\[\]])/g, '$1');
  }
  if (navigator.clipboard && navigator.clipboard.writeText) {
    const write = navigator.clipboard.writeText.bind(navigator.clipboard);
    navigator.clipboard.writeText = (text) => write(plain(String(text)));
  }

  // -- the question box's counter ----------------------------------------------------------
  let overBefore = false;
  function counter(box) {
    const area = box.querySelector('textarea');
    if (!area) return;
    let note = document.getElementById('nd-count');
    if (!note) {
      note = document.createElement('p');
      note.id = 'nd-count';
      note.className = 'nd-count';
      const ask = document.getElementById('nd-ask-row') || box;
      ask.insertAdjacentElement('afterend', note);
      area.setAttribute('aria-describedby', 'nd-count');
    }
    const n = area.value.length;
    const over = n > MAX_QUESTION;
    note.textContent = over
      ? `${fmt(n)} / ${fmt(MAX_QUESTION)} characters: over the limit, the question will be cut at a word.`
      : `${fmt(n)} / ${fmt(MAX_QUESTION)} characters`;
    note.classList.toggle('nd-over', over);
    if (over && !overBefore) window.ndAnnounce(note.textContent);
    overBefore = over;
  }
  document.addEventListener('input', (event) => {
    const box = event.target.closest && event.target.closest('#nd-question');
    if (box) counter(box);
  });
  // Ingest and article results are announced when they change.
  const announced = ['#nd-summary', '#nd-article-note'];
  const seen = new Map();
  function watchNotes() {
    for (const sel of announced) {
      const el = document.querySelector(sel);
      if (!el) continue;
      const text = el.innerText.trim();
      if (text && seen.has(sel) && seen.get(sel) !== text) window.ndAnnounce(text);
      seen.set(sel, text);
    }
    const box = document.querySelector('#nd-question');
    if (box) counter(box); // also after Gradio empties the box on submit (no input event)
    const held = document.getElementById('nd-held');
    if (held && held.textContent && !answering()) held.textContent = 'The answer is in: press Ask.';
    // Gradio's upload area is named "Click to upload or drop files" while it shows "Drop File
    // Here - or - Click to Upload": give it a name that holds its label and what it shows.
    const drop = document.querySelector('#nd-upload .upload-container');
    const label = document.querySelector('#nd-upload [data-testid=block-label]');
    if (drop && label) {
      const name = `${label.innerText.trim()}: ${drop.innerText.replace(/\s+/g, ' ').trim()}`;
      if (drop.getAttribute('aria-label') !== name) drop.setAttribute('aria-label', name);
    }
  }
  // A question sent while the previous one is still being answered was lost: Gradio takes one
  // submission per event at a time, and the box was emptied under it. Until the answer is in
  // (the Sources panel is busy, or a question went out in the last moment before it turned
  // busy), Enter and Ask keep the question in the box and say why.
  let sentAt = 0;
  let turnsAtSend = 0;
  // The newest answer's number (older ones drop out of the panel, so not a count).
  const turnCount = () => Math.max(0, ...[...document.querySelectorAll('#nd-sources [id^="nd-turn-"]')]
    .map((el) => Number(el.id.slice('nd-turn-'.length)) || 0));
  function answering() {
    return Boolean(document.querySelector('#nd-sources [aria-busy="true"]'))
      || (Date.now() - sentAt < 1500 && turnCount() === turnsAtSend);
  }
  function hold(event) {
    const box = document.querySelector('#nd-question textarea');
    if (!box || !box.value.trim()) return;
    if (answering()) {
      event.preventDefault();
      event.stopImmediatePropagation();
      window.ndAnnounce('Still answering the previous question; your question stays in the '
        + 'box: press Ask again when the answer is in.');
      let hint = document.getElementById('nd-held');
      if (!hint) {
        hint = document.createElement('p');
        hint.id = 'nd-held';
        hint.className = 'nd-count';
        (document.getElementById('nd-count') || box).insertAdjacentElement('afterend', hint);
      }
      hint.textContent = 'Still answering the previous question: press Ask again when it is in.';
      return;
    }
    sentAt = Date.now();
    turnsAtSend = turnCount();
    const hint = document.getElementById('nd-held');
    if (hint) hint.textContent = '';
  }
  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && event.target.closest
        && event.target.closest('#nd-question')) hold(event);
  }, true);
  document.addEventListener('click', (event) => {
    if (event.target.closest && event.target.closest('#nd-ask')) hold(event);
  }, true);
  let pending = null;
  function start() {
    liveRegion();
    new MutationObserver(() => {
      if (pending === null) pending = setTimeout(() => { pending = null; watchNotes(); }, 250);
    }).observe(document.body, { childList: true, subtree: true });
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
