import type { FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { CodeChoices, Field } from './Field';
import type { ProfileDraft, Problems } from './applicationForm';

interface Props {
  draft: ProfileDraft;
  onChange(draft: ProfileDraft): void;
  problems: Problems;
  codes: { processes: string[]; materials: string[]; finishes: string[] };
  nameOf(code: string): string;
  readOnly: boolean;
  onNext(): void;
}

type TextField = Exclude<keyof ProfileDraft, 'processes' | 'materials' | 'finishes' | 'itarRegistered'>;

export function ProfileStep({ draft, onChange, problems, codes, nameOf, readOnly, onNext }: Props) {
  const { t } = useI18n();
  const text = (field: TextField, options: { label: string; hint?: string; autoComplete?: string; inputMode?: 'decimal' } = { label: '' }) => (
    <Field label={options.label} problem={problems[field]} hint={options.hint}>
      {(props) => <input {...props} value={draft[field]} readOnly={readOnly} autoComplete={options.autoComplete} inputMode={options.inputMode} onChange={(event) => onChange({ ...draft, [field]: event.target.value })} />}
    </Field>
  );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onNext();
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="profile-step">
      <h2 id="profile-step">{t('factoryWorkspace.application.profileTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.application.profileIntro')}</p>
      {text('legalName', { label: t('factoryWorkspace.application.legalName'), autoComplete: 'organization' })}
      <fieldset>
        <legend>{t('factoryWorkspace.application.address')}</legend>
        <div className="form-grid">
          {text('line1', { label: t('factoryWorkspace.application.line1'), autoComplete: 'address-line1' })}
          {text('line2', { label: t('factoryWorkspace.application.line2'), autoComplete: 'address-line2' })}
          {text('city', { label: t('factoryWorkspace.application.city'), autoComplete: 'address-level2' })}
          {text('region', { label: t('factoryWorkspace.application.region'), autoComplete: 'address-level1' })}
          {text('postalCode', { label: t('factoryWorkspace.application.postalCode'), autoComplete: 'postal-code' })}
          {text('country', { label: t('factoryWorkspace.application.country'), hint: t('factoryWorkspace.application.countryHint'), autoComplete: 'country' })}
          {text('latitude', { label: t('factoryWorkspace.application.latitude'), inputMode: 'decimal' })}
          {text('longitude', { label: t('factoryWorkspace.application.longitude'), inputMode: 'decimal' })}
        </div>
      </fieldset>
      <div className="form-grid">
        {text('timeZone', { label: t('factoryWorkspace.application.timeZone'), hint: t('factoryWorkspace.application.timeZoneHint') })}
        {text('languages', { label: t('factoryWorkspace.application.languages'), hint: t('factoryWorkspace.application.languagesHint') })}
      </div>
      <CodeChoices legend={t('factoryWorkspace.application.processes')} codes={codes.processes} chosen={draft.processes} onChange={(processes) => !readOnly && onChange({ ...draft, processes })} nameOf={nameOf} problem={problems.processes} />
      <CodeChoices legend={t('factoryWorkspace.application.materials')} codes={codes.materials} chosen={draft.materials} onChange={(materials) => !readOnly && onChange({ ...draft, materials })} nameOf={nameOf} problem={problems.materials} />
      <CodeChoices legend={t('factoryWorkspace.application.finishes')} codes={codes.finishes} chosen={draft.finishes} onChange={(finishes) => !readOnly && onChange({ ...draft, finishes })} nameOf={nameOf} />
      <fieldset>
        <legend>{t('factoryWorkspace.application.exportControl')}</legend>
        <label className="inline">
          <input type="checkbox" checked={draft.itarRegistered} disabled={readOnly} onChange={(event) => onChange({ ...draft, itarRegistered: event.target.checked })} />
          {t('factoryWorkspace.application.itar')}
        </label>
        <div className="form-grid">
          {text('servesCountries', { label: t('factoryWorkspace.application.servesCountries'), hint: t('factoryWorkspace.application.servesCountriesHint') })}
          {text('exportNotes', { label: t('factoryWorkspace.application.exportNotes') })}
        </div>
      </fieldset>
      <div><button type="submit" className="primary">{t('factoryWorkspace.application.next')}</button></div>
    </form>
  );
}
