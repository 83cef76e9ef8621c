// Example questions: a click asks the question.
element.addEventListener('click', (event) => {
  const button = event.target.closest('button[data-question]');
  if (!button) return;
  trigger('click', { question: button.dataset.question });
});
