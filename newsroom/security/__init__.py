"""Staff sign-in: the lockout, two-step sign-in with an authenticator app, recovery codes, password reset."""
