// The Sources panel: "Read the whole article" opens the reader (the text comes from the
// server), "Clear filters and ask again" goes back to Python, and every new answer's summary is
// announced to screen readers.
element.addEventListener('click', (event) => {
  const read = event.target.closest('button.nd-read');
  if (read) {
    const spans = JSON.parse(read.dataset.spans || '[]');
    window.ndReader.open(read, () => server.article_html(read.dataset.article, spans));
    return;
  }
  const action = event.target.closest('button[data-action]');
  if (action) trigger('click', { ...action.dataset });
});
watch('value', () => {
  const panel = element.querySelector('[data-announce]');
  if (panel) window.ndAnnounce(panel.dataset.announce);
});
