"""Settings a production app starts with (PORTAL_ENV=production refuses placeholders): strong
throwaway secrets and a canonical site URL, for tests that need a production configuration."""

from cryptography.fernet import Fernet

PRODUCTION = {
    "PORTAL_ENV": "production",
    "SECRET_KEY": "a-test-secret-key-long-enough-for-production-0123456789",
    "CONTACT_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
    "SITE_URL": "https://jnjp.hegang.example",
}
