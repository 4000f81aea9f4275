"""Provider onboarding: the public application form, moderation of applications, and invitations."""
