/// <reference lib="dom" />
import { ApiError, readToken, storeToken } from './api-adapter';
import { byId } from './dom';

export type SignIn = {
  /** Shows the key form with why it is needed; answers true when the error was about access. */
  askIfDenied(error: unknown): boolean;
};

/**
 * When the service's reads need authentication (READ_ACCESS=authenticated), the page asks for a
 * reporter's (or any reader's) key in a labelled form, keeps it for this tab only (session
 * storage) and sends it as a bearer token; a refused or insufficient key says so in words.
 */
export function mountSignIn(onSignedIn: () => void): SignIn {
  const form = byId<HTMLFormElement>('sign-in');
  const input = byId<HTMLInputElement>('read-token');
  const message = byId('sign-in-message');
  const signOut = byId<HTMLButtonElement>('sign-out');
  const showSignOut = () => {
    signOut.hidden = readToken() === null;
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const token = input.value.trim();
    if (!token) {
      input.setAttribute('aria-invalid', 'true');
      message.textContent = 'Paste your key first.';
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    refused = false;
    storeToken(token);
    input.value = '';
    form.hidden = true;
    showSignOut();
    onSignedIn();
  });
  signOut.addEventListener('click', () => {
    storeToken(null);
    location.reload();
  });
  showSignOut();
  let asked = false;
  // Several views fail at once on a refused key: all of them say it was refused, not only the first.
  let refused = false;
  return {
    askIfDenied(error) {
      if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) return false;
      if (error.status === 401 && readToken() !== null) {
        storeToken(null);
        refused = true;
      }
      message.textContent =
        error.status === 403
          ? `Your key does not allow reading the record (${error.message}). Use a reporter's key, or one with more rights.`
          : refused
            ? `That key was not accepted (${error.message}). Paste a valid key.`
            : 'This service shows its record to signed-in readers only. Paste a reporter key (or any reader\u2019s) to see it.';
      form.hidden = false;
      showSignOut();
      if (!asked) input.focus();
      asked = true;
      return true;
    },
  };
}
