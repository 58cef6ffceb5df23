import type { auth as vi } from "../vi/auth";

export const auth: Record<keyof typeof vi, string> = {
  "login.title": "Sign in",
  "login.intro": "Use your official e-mail address and the password you were given.",
  "login.email": "E-mail",
  "login.password": "Password",
  "login.submit": "Sign in",
  "login.submitting": "Signing in…",
  "login.emailRequired": "Please enter your e-mail.",
  "login.emailInvalid": "This e-mail address is not valid.",
  "login.passwordRequired": "Please enter your password.",
  "login.wrongCredentials": "Wrong e-mail or password.",
  "login.inactive": "This account has been deactivated. Please contact your unit's CCHC focal point.",
  "login.locked": "Too many failed sign-ins. Please try again in {minutes} minutes.",
  "login.wait": "Several failed sign-ins. Please wait {seconds} seconds and try again.",
  "login.failed": "Could not sign in. Please try again.",
  "login.signedOut": "You have signed out.",
};
