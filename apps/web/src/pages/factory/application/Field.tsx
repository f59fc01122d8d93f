import { useId, type ReactNode } from 'react';
import { useI18n } from '../../../i18n/i18n';
import type { Problem } from './applicationForm';

/** A labelled control with its problem said beside it (and announced through aria-describedby). */
export function Field({ label, problem, hint, children }: { label: string; problem?: Problem; hint?: string; children: (props: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode }) {
  const { t } = useI18n();
  const id = useId();
  const described = [problem ? `${id}-problem` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${problem ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!problem, 'aria-describedby': described })}
      {hint && <small id={`${id}-hint`} className="muted">{hint}</small>}
      {problem && <small id={`${id}-problem`} className="error">{t(`factoryWorkspace.problems.${problem}`)}</small>}
    </div>
  );
}

/** A group of checkboxes over codes, labelled by name where the catalogue knows one. */
export function CodeChoices({ legend, codes, chosen, onChange, nameOf, problem }: { legend: string; codes: string[]; chosen: string[]; onChange(next: string[]): void; nameOf(code: string): string; problem?: Problem }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <fieldset className={`choices${problem ? ' invalid' : ''}`} aria-describedby={problem ? `${id}-problem` : undefined}>
      <legend>{legend}</legend>
      <div className="choice-grid">
        {codes.map((code) => (
          <label key={code} className="inline">
            <input type="checkbox" checked={chosen.includes(code)} onChange={(event) => onChange(event.target.checked ? [...chosen, code] : chosen.filter((item) => item !== code))} />
            {nameOf(code)}
          </label>
        ))}
      </div>
      {problem && <small id={`${id}-problem`} className="error">{t(`factoryWorkspace.problems.${problem}`)}</small>}
    </fieldset>
  );
}
