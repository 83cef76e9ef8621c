// The date range: native date inputs (keyboard and screen reader friendly); the widget's value
// is {since, until, undated}. A reversed range is pointed out at once, beside the inputs.
function hint() {
  const since = element.querySelector('input[name=since]');
  const until = element.querySelector('input[name=until]');
  const out = element.querySelector('.nd-dates-hint');
  if (!since || !until || !out) return;
  const reversed = since.value && until.value && since.value > until.value;
  out.textContent = reversed ? 'From is after To: swap the two dates.' : '';
  for (const input of [since, until]) {
    if (reversed) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}
element.addEventListener('change', (event) => {
  const input = event.target;
  if (!input.name) return;
  const value = Object.assign({ since: '', until: '', undated: false }, props.value || {});
  value[input.name] = input.type === 'checkbox' ? input.checked : input.value;
  props.value = value;
  trigger('change');
  hint();
});
watch('value', hint);
