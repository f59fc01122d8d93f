/** A form field's trimmed text ('' when absent): `const text = formText(new FormData(form))`. */
export function formText(form: FormData): (name: string) => string {
  return (name) => String(form.get(name) ?? '').trim();
}
