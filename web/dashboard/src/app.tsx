import { useEffect, useRef } from 'react';
import { getProfile, onboardingStatus } from './api/endpoints';
import { clearQueries, useQuery } from './lib/query';
import { matchPath, navigate, useLocation } from './lib/router';
import { useSignedIn } from './hooks/session';
import { ConfirmEmail, ForgotPassword, Login, ResetPassword } from './scenes/login';
import { Onboarding } from './scenes/onboarding';
import { Shell } from './scenes/shell';
import { Centered, ErrorText, Spinner } from './components/ui';

/** Top-level routing: onboarding and sign-in outside the session, everything else inside. */
export function App() {
  const { pathname } = useLocation();
  const signedIn = useSignedIn();
  const onboarding = useQuery('onboarding', onboardingStatus);

  const wasSignedIn = useRef(signedIn);
  useEffect(() => {
    if (wasSignedIn.current && !signedIn) {
      clearQueries(['onboarding']);
    }
    wasSignedIn.current = signedIn;
  }, [signedIn]);

  if (matchPath('/app/onboarding', pathname)) {
    return <Onboarding />;
  }
  if (matchPath('/app/auth/password/edit', pathname)) {
    return <ResetPassword />;
  }
  if (matchPath('/app/auth/confirmation', pathname)) {
    return <ConfirmEmail />;
  }
  if (matchPath('/app/forgot-password', pathname)) {
    return <ForgotPassword />;
  }
  if (onboarding.data?.needs_onboarding) {
    return <Redirect to="/app/onboarding" />;
  }
  if (!signedIn) {
    if (onboarding.loading && !onboarding.data) {
      return <Centered><Spinner /></Centered>;
    }
    return matchPath('/app/login', pathname) ? <Login /> : <Redirect to="/app/login" />;
  }
  return <SignedIn pathname={pathname} />;
}

function SignedIn({ pathname }: { pathname: string }) {
  const profile = useQuery('profile', getProfile);
  if (profile.error) {
    return <Centered><ErrorText error={profile.error} /><button onClick={profile.reload}>Try again</button></Centered>;
  }
  if (!profile.data) {
    return <Centered><Spinner label="Loading your inbox" /></Centered>;
  }
  const inAccount = matchPath('/app/accounts/:accountId/*', pathname) ?? matchPath('/app/accounts/:accountId', pathname);
  const accountId = inAccount ? Number(inAccount.accountId) : profile.data.account_id ?? profile.data.accounts[0]?.id;
  if (!accountId) {
    return <Centered><p>Your user belongs to no account yet. Ask an administrator to add you.</p></Centered>;
  }
  if (!inAccount || !inAccount['*']) {
    return <Redirect to={`/app/accounts/${accountId}/conversations`} />;
  }
  return <Shell profile={profile.data} accountId={accountId} rest={inAccount['*']} />;
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}
