// Active-filter chips: each button removes one filter (or clears all, or includes undated).
element.addEventListener('click', (event) => {
  const button = event.target.closest('button');
  if (!button) return;
  trigger('click', { ...button.dataset });
});
