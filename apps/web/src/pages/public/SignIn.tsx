import { useMutation } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { describeError, describeErrorResult } from '../../api/errors';
import { homePath, setSession } from '../../auth/session';
import { ErrorMessage } from '../../components/Feedback';
import { SignInDocument } from '../../gql/graphql';
import { useI18n } from '../../i18n/i18n';
import { AuthLayout } from './AuthLayout';

export function SignIn() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [problem, setProblem] = useState<string | null>(null);
  const [signIn, { loading }] = useMutation(SignInDocument);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setProblem(null);
    try {
      const { data } = await signIn({ variables: { input: { email: String(form.get('email')), password: String(form.get('password')) } } });
      const result = data!.login;
      if (result.__typename !== 'AuthPayload') return setProblem(describeErrorResult(t, result));
      setSession(result);
      navigate(params.get('next') || homePath(result.role), { replace: true });
    } catch (error) {
      setProblem(describeError(t, error));
    }
  };

  return (
    <AuthLayout title={t('auth.signInTitle')}>
      <form onSubmit={submit} className="form" noValidate={false}>
        <label>
          {t('auth.email')}
          <input name="email" type="email" autoComplete="username" required autoFocus />
        </label>
        <label>
          {t('auth.password')}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <ErrorMessage>{problem}</ErrorMessage>
        <button type="submit" className="primary" disabled={loading}>{loading ? t('auth.working') : t('auth.submitSignIn')}</button>
      </form>
      <p>
        {t('auth.noAccount')} <Link to="/sign-up">{t('auth.goSignUp')}</Link>
      </p>
    </AuthLayout>
  );
}
