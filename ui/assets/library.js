// The library list: a title opens the article view below the list, and focus moves to it.
element.addEventListener('click', (event) => {
  const button = event.target.closest('button.nd-open');
  if (!button) return;
  const wanted = button.dataset.article;
  window.ndWhen(
    () => {
      const heading = document.getElementById('nd-article-title');
      return heading && heading.dataset.article === wanted ? heading : null;
    },
    (heading) => {
      heading.scrollIntoView({ block: 'start' });
      heading.focus({ preventScroll: true });
    },
  );
  trigger('click', { article: wanted });
});
