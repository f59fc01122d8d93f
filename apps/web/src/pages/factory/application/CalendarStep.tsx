import type { FormEvent } from 'react';
import { useI18n } from '../../../i18n/i18n';
import { Field } from './Field';
import type { CalendarDraft, Problems, ShiftDraft } from './applicationForm';

interface Props {
  draft: CalendarDraft;
  onChange(draft: CalendarDraft): void;
  problems: Problems;
  readOnly: boolean;
  saving: boolean;
  /** Applying for the first time, or saving changes to a factory that has applied */
  applying: boolean;
  onBack(): void;
  onSubmit(): void;
}

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;

export function CalendarStep({ draft, onChange, problems, readOnly, saving, applying, onBack, onSubmit }: Props) {
  const { t } = useI18n();
  const setShift = (index: number, shift: ShiftDraft) => onChange({ ...draft, shifts: draft.shifts.map((current, at) => (at === index ? shift : current)) });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby="calendar-step">
      <h2 id="calendar-step">{t('factoryWorkspace.application.calendarTitle')}</h2>
      <p className="muted">{t('factoryWorkspace.application.calendarIntro')}</p>
      {problems.shifts && <p className="error" role="alert">{t(`factoryWorkspace.problems.${problems.shifts}`)}</p>}
      {draft.shifts.map((shift, index) => (
        <fieldset key={index} className="shift">
          <legend>{t('factoryWorkspace.application.shift', { number: index + 1 })}</legend>
          <div className="form-grid">
            <Field label={t('factoryWorkspace.application.shiftStart')} problem={problems[`shifts.${index}.start`]}>
              {(props) => <input {...props} type="time" value={shift.start} readOnly={readOnly} onChange={(event) => setShift(index, { ...shift, start: event.target.value })} />}
            </Field>
            <Field label={t('factoryWorkspace.application.shiftEnd')} problem={problems[`shifts.${index}.end`]} hint={t('factoryWorkspace.application.overnightHint')}>
              {(props) => <input {...props} type="time" value={shift.end} readOnly={readOnly} onChange={(event) => setShift(index, { ...shift, end: event.target.value })} />}
            </Field>
          </div>
          <fieldset className="weekdays">
            <legend>{t('factoryWorkspace.application.weekdays')}</legend>
            {WEEKDAYS.map((day) => (
              <label key={day} className="inline">
                <input
                  type="checkbox"
                  disabled={readOnly}
                  checked={shift.weekdays.includes(day)}
                  onChange={(event) => setShift(index, { ...shift, weekdays: event.target.checked ? [...shift.weekdays, day] : shift.weekdays.filter((item) => item !== day) })}
                />
                {t(`factoryWorkspace.weekdays.d${day}`)}
              </label>
            ))}
            {problems[`shifts.${index}.weekdays`] && <small className="error">{t(`factoryWorkspace.problems.${problems[`shifts.${index}.weekdays`]!}`)}</small>}
          </fieldset>
          {!readOnly && (
            <button type="button" className="link-button" onClick={() => onChange({ ...draft, shifts: draft.shifts.filter((_, at) => at !== index) })}>
              {t('factoryWorkspace.application.removeShift', { number: index + 1 })}
            </button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <div>
          <button type="button" onClick={() => onChange({ ...draft, shifts: [...draft.shifts, { start: '15:00', end: '23:00', weekdays: [1, 2, 3, 4, 5] }] })}>
            {t('factoryWorkspace.application.addShift')}
          </button>
        </div>
      )}
      <h3>{t('factoryWorkspace.application.holidays')}</h3>
      {draft.holidays.length === 0 && <p className="muted">{t('factoryWorkspace.application.noHolidays')}</p>}
      {draft.holidays.map((holiday, index) => (
        <div key={index} className="form-grid">
          <Field label={t('factoryWorkspace.application.holidayDate')} problem={problems[`holidays.${index}.date`]}>
            {(props) => <input {...props} type="date" value={holiday.date} readOnly={readOnly} onChange={(event) => onChange({ ...draft, holidays: draft.holidays.map((item, at) => (at === index ? { ...item, date: event.target.value } : item)) })} />}
          </Field>
          <Field label={t('factoryWorkspace.application.holidayName')} problem={problems[`holidays.${index}.name`]}>
            {(props) => <input {...props} value={holiday.name} readOnly={readOnly} onChange={(event) => onChange({ ...draft, holidays: draft.holidays.map((item, at) => (at === index ? { ...item, name: event.target.value } : item)) })} />}
          </Field>
          {!readOnly && (
            <div>
              <button type="button" className="link-button" onClick={() => onChange({ ...draft, holidays: draft.holidays.filter((_, at) => at !== index) })}>
                {t('factoryWorkspace.application.removeHoliday', { name: holiday.name || holiday.date || String(index + 1) })}
              </button>
            </div>
          )}
        </div>
      ))}
      {!readOnly && (
        <div>
          <button type="button" onClick={() => onChange({ ...draft, holidays: [...draft.holidays, { date: '', name: '' }] })}>{t('factoryWorkspace.application.addHoliday')}</button>
        </div>
      )}
      <div className="actions">
        <button type="button" onClick={onBack}>{t('common.back')}</button>
        {!readOnly && (
          <button type="submit" className="primary" disabled={saving}>
            {saving ? t('factoryWorkspace.application.saving') : applying ? t('factoryWorkspace.application.apply') : t('factoryWorkspace.application.saveProfile')}
          </button>
        )}
      </div>
    </form>
  );
}
