// The date range: native date inputs (keyboard and screen reader friendly); the widget's value
// is {since, until, undated}. Setting it re-renders the template, which flags a reversed range.
element.addEventListener('change', (event) => {
  const input = event.target;
  if (!input.name) return;
  const value = Object.assign({ since: '', until: '', undated: false }, props.value || {});
  value[input.name] = input.type === 'checkbox' ? input.checked : input.value;
  props.value = value;
  trigger('change');
  if (value.since && value.until && value.since > value.until) {
    window.ndAnnounce('From is after To: swap the two dates.');
  }
});
