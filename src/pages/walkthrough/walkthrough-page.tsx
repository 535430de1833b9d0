import { SignInStep } from './sign-in-step';
import { SignOutStep } from './sign-out-step';
import { WatchStep } from './watch-step';

/**
 * A bare developer walkthrough of REST API v2 phases A–E on one page (registration happens
 * implicitly on the first call). The streaming app's real pages replace it as the start page.
 */
export function WalkthroughPage() {
  return (
    <main className="page">
      <h1>Pass Reference TV</h1>
      <p className="muted">Adobe Pass REST API v2 walkthrough</p>
      <SignInStep />
      <WatchStep />
      <SignOutStep />
    </main>
  );
}
