/**
 * Sends this browser to another site (the MVPD login via Adobe). One object so unit tests can
 * replace it: jsdom cannot follow a real navigation.
 */
export const leaveApp = {
  to(url: string): void {
    window.location.assign(url);
  },
};
