import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { describeError, describeErrorResult } from '../../api/errors';
import { homePath, setSession } from '../../auth/session';
import { formText } from '../../components/forms';
import { ErrorMessage } from '../../components/Feedback';
import { SignUpDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { AuthLayout } from './AuthLayout';

export function SignUp() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [problem, setProblem] = useState<string | null>(null);
  const [signUp, { loading }] = useMutation(SignUpDocument);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = formText(form);
    setProblem(null);
    try {
      const { data } = await signUp({
        variables: {
          input: {
            email: text('email'),
            password: String(form.get('password')),
            displayName: text('displayName'),
            organizationName: text('organizationName'),
            organizationKind: text('organizationKind'),
            country: text('country').toUpperCase() || undefined,
          },
        },
      });
      const result = data!.signUp;
      if (result.__typename !== 'AuthPayload') return setProblem(describeErrorResult(t, result));
      setSession(result);
      // a new factory has nothing on its job board until it is vetted: it starts with the application wizard
      navigate(result.role === 'factory_admin' ? '/factory/application' : homePath(result.role), { replace: true });
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };

  return (
    <AuthLayout title={t('auth.signUpTitle')}>
      <form onSubmit={submit} className="form">
        <label>
          {t('auth.displayName')}
          <input name="displayName" autoComplete="name" required autoFocus />
        </label>
        <label>
          {t('auth.email')}
          <input name="email" type="email" autoComplete="email" required />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="new-password" minLength={10} required aria-describedby="password-hint" />
          <small id="password-hint" className="muted">{t('auth.passwordHint')}</small>
        </label>
        <label>
          {t('auth.organizationName')}
          <input name="organizationName" autoComplete="organization" required />
        </label>
        <fieldset>
          <legend>{t('auth.organizationKind')}</legend>
          <label className="inline"><input type="radio" name="organizationKind" value="designer" defaultChecked /> {t('auth.kindDesigner')}</label>
          <label className="inline"><input type="radio" name="organizationKind" value="factory" /> {t('auth.kindFactory')}</label>
        </fieldset>
        <label>
          {t('auth.country')}
          <input name="country" maxLength={2} pattern="[A-Za-z]{2}" autoComplete="country" />
        </label>
        <ErrorMessage>{problem}</ErrorMessage>
        <button type="submit" className="primary" disabled={loading}>{loading ? t('auth.working') : t('auth.submitSignUp')}</button>
      </form>
      <p>
        {t('auth.haveAccount')} <Link to="/sign-in">{t('auth.goSignIn')}</Link>
      </p>
    </AuthLayout>
  );
}
