// The catalog form's own checks, made before anything is sent: required fields, whole numbers and their ranges
// (e.g. how many of a group's items are required). catalog-service checks everything again (ids, references, year
// ranges, currencies…) when the draft is validated or saved; these only spare the admin a round trip, and keep the
// service from getting a document it cannot even read (a requirement without its skill is refused as unreadable).

/** [{field, message}] for every control of the form (under root) that cannot be sent as it is. */
export function formProblems(root) {
  const problems = [];
  for (const control of root.querySelectorAll('input[data-path], select[data-path], textarea[data-path]')) {
    if (control.readOnly || control.disabled || control.type === 'checkbox') continue;
    const message = problemOf(control);
    if (message) problems.push({ field: control.dataset.path, message });
  }
  return problems;
}

function problemOf(control) {
  const value = control.value.trim();
  if (control.dataset.int === 'true') {
    if (control.validity?.badInput || (value !== '' && !/^-?\d+$/.test(value))) return 'Enter a whole number.';
    if (value === '') return control.dataset.nullable === 'true' ? null : 'Required.';
    const n = Number(value);
    if (control.min !== '' && n < Number(control.min)) return `Must be at least ${control.min}.`;
    if (control.max !== '' && n > Number(control.max)) return `Must be at most ${control.max}.`;
    return null;
  }
  if (control.dataset.required === 'true' && value === '') {
    return control.tagName === 'SELECT' ? 'Choose one.' : 'Required.';
  }
  return null;
}
