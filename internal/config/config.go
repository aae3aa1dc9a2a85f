// Package config reads Parvis's settings from the environment once, at
// start-up, and validates them so that a bad value is reported clearly
// before anything listens or connects.
package config

import (
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// Config is the whole runtime configuration. Every field has an environment
// variable; see the README's "Configuration" table.
type Config struct {
	// DatabaseURL is the app role's connection string (never the owner's).
	DatabaseURL string
	// MigrateDatabaseURL connects `parvis migrate`: the owner role, or a
	// role allowed to create roles on a fresh machine. Defaults to DatabaseURL.
	MigrateDatabaseURL string
	// AppRolePassword is given to the app role when migrate creates it.
	AppRolePassword string
	// AllowPrivilegedDBRole (PARVIS_ALLOW_PRIVILEGED_DB_ROLE=true) lets
	// serve start as a role that row-level security does not hold (a
	// superuser, BYPASSRLS, the tables' owner). For tests only.
	AllowPrivilegedDBRole bool

	Addr      string   // PARVIS_ADDR, host:port the API listens on
	PublicURL *url.URL // PARVIS_PUBLIC_URL, origin users open; links in emails use it
	Env       string   // PARVIS_ENV: development or production
	LogFormat string   // PARVIS_LOG_FORMAT: text or json
	// LogLevel (PARVIS_LOG_LEVEL: debug, info, warn or error; default
	// info) is the least severe record written. At warn, the request log
	// keeps only refusals (401/403) and errors.
	LogLevel slog.Level

	// TrustedProxies are the peers whose X-Forwarded-For is believed (the
	// Next.js server in front of the API).
	TrustedProxies []*net.IPNet

	Mail MailConfig

	Storage StorageConfig

	SessionIdle     time.Duration
	SessionAbsolute time.Duration

	// RequestTimeout is the deadline of one JSON API request
	// (PARVIS_REQUEST_TIMEOUT, default 30s); signed blob transfers are exempt.
	RequestTimeout time.Duration

	// LiveMaxAge ends a live stream after this long (PARVIS_LIVE_MAX_AGE,
	// default 30m): the browser reconnects with Last-Event-ID and the
	// session is checked again.
	LiveMaxAge time.Duration

	Payments PaymentsConfig
}

// PaymentsConfig configures the payments module (internal/billing).
type PaymentsConfig struct {
	// SecretKey (PARVIS_SECRET_KEY, hex, ≥ 32 bytes) encrypts the
	// workspaces' Stripe keys at rest and signs the simulated provider's
	// events. Required in production; in development a random one is kept
	// next to the blobs' directory.
	SecretKey []byte
	// StripeAPIURL (PARVIS_STRIPE_API_URL) replaces https://api.stripe.com:
	// tests point it at stripe-mock.
	StripeAPIURL string
	// Simulated (PARVIS_PAYMENTS_SIMULATED, default true in development,
	// false in production) lets a workspace without a Stripe key use the
	// simulated provider.
	Simulated bool
}

// MailConfig selects and configures the outgoing mail driver.
type MailConfig struct {
	Driver      string // "dev" (writes to a mailbox folder) or "smtp"
	DevDir      string
	FromAddress string
	SMTPHost    string
	SMTPPort    int
	SMTPUser    string
	SMTPPass    string
	// SMTPTLS is "starttls" (default, port 587), "tls" (implicit, 465) or
	// "none" (local test servers only).
	SMTPTLS string
	// WebhookSecret (PARVIS_MAIL_WEBHOOK_SECRET, ≥ 24 characters) is the
	// password the provider's bounce webhook presents (Basic auth, user
	// "parvis", or the X-Parvis-Webhook-Secret header). Empty: the bounce
	// endpoint answers 404.
	WebhookSecret string
}

// StorageConfig selects the blob driver and the file limits (module E).
type StorageConfig struct {
	Driver string // "local" (default) or "s3"
	Dir    string // local: where blobs live (PARVIS_STORAGE_DIR, default var/blobs)
	// Secret signs local URLs (hex, ≥ 32 bytes). Empty in development: a
	// random one is kept in Dir/../blob-secret.
	Secret      []byte
	S3Endpoint  string
	S3Region    string
	S3Bucket    string
	S3AccessKey string
	S3SecretKey string
	S3PathStyle bool
	// MaxFileBytes caps one file (security guide point 17: 25 MiB default).
	MaxFileBytes int64
	// QuotaBytes caps what one workspace stores, all versions counted.
	QuotaBytes int64
}

// Load reads the configuration from getenv (os.Getenv in production, a map
// in tests) and returns every problem at once.
func Load(getenv func(string) string) (*Config, error) {
	var errs []error
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := &Config{
		DatabaseURL:        get("DATABASE_URL", ""),
		MigrateDatabaseURL: get("PARVIS_MIGRATE_DATABASE_URL", ""),
		AppRolePassword:    get("PARVIS_APP_DB_PASSWORD", ""),
		Addr:               get("PARVIS_ADDR", "127.0.0.1:8080"),
		Env:                get("PARVIS_ENV", "development"),
		LogFormat:          get("PARVIS_LOG_FORMAT", "text"),
	}
	switch v := get("PARVIS_ALLOW_PRIVILEGED_DB_ROLE", "false"); v {
	case "true":
		c.AllowPrivilegedDBRole = true
	case "false":
	default:
		errs = append(errs, fmt.Errorf("PARVIS_ALLOW_PRIVILEGED_DB_ROLE must be true or false, not %q", v))
	}
	if c.DatabaseURL == "" {
		errs = append(errs, errors.New("DATABASE_URL is required (postgres://parvis_app:…@host:5432/parvis)"))
	} else if _, err := url.Parse(c.DatabaseURL); err != nil || !strings.HasPrefix(c.DatabaseURL, "postgres") {
		errs = append(errs, fmt.Errorf("DATABASE_URL must be a postgres:// URL"))
	}
	if c.MigrateDatabaseURL == "" {
		c.MigrateDatabaseURL = c.DatabaseURL
	}
	if c.Env != "development" && c.Env != "production" {
		errs = append(errs, fmt.Errorf("PARVIS_ENV must be development or production, not %q", c.Env))
	}
	switch lv := get("PARVIS_LOG_LEVEL", "info"); lv {
	case "debug", "info", "warn", "error":
		_ = c.LogLevel.UnmarshalText([]byte(lv))
	default:
		errs = append(errs, fmt.Errorf("PARVIS_LOG_LEVEL must be debug, info, warn or error, not %q", lv))
	}
	if c.LogFormat != "text" && c.LogFormat != "json" {
		errs = append(errs, fmt.Errorf("PARVIS_LOG_FORMAT must be text or json, not %q", c.LogFormat))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		errs = append(errs, fmt.Errorf("PARVIS_ADDR must be host:port: %v", err))
	}
	pub := get("PARVIS_PUBLIC_URL", "http://localhost:3000")
	u, err := url.Parse(pub)
	switch {
	case err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https"):
		errs = append(errs, fmt.Errorf("PARVIS_PUBLIC_URL must be an absolute http(s) URL, not %q", pub))
	case c.Env == "production" && u.Scheme != "https":
		errs = append(errs, errors.New("PARVIS_PUBLIC_URL must use https in production"))
	default:
		u.Path = strings.TrimRight(u.Path, "/")
		c.PublicURL = u
	}
	for _, cidr := range strings.Split(get("PARVIS_TRUSTED_PROXIES", "127.0.0.1/32,::1/128"), ",") {
		_, n, err := net.ParseCIDR(strings.TrimSpace(cidr))
		if err != nil {
			errs = append(errs, fmt.Errorf("PARVIS_TRUSTED_PROXIES: %q is not a CIDR", cidr))
			continue
		}
		c.TrustedProxies = append(c.TrustedProxies, n)
	}

	c.Mail = MailConfig{
		Driver:      get("PARVIS_MAIL_DRIVER", "dev"),
		DevDir:      get("PARVIS_MAIL_DEV_DIR", "var/mail"),
		FromAddress: get("PARVIS_MAIL_FROM", "notifications@parvis.localhost"),
		SMTPHost:    get("PARVIS_SMTP_HOST", ""),
		SMTPUser:    get("PARVIS_SMTP_USERNAME", ""),
		SMTPPass:    get("PARVIS_SMTP_PASSWORD", ""),
		SMTPTLS:     get("PARVIS_SMTP_TLS", "starttls"),
	}
	c.Mail.WebhookSecret = get("PARVIS_MAIL_WEBHOOK_SECRET", "")
	if s := c.Mail.WebhookSecret; s != "" && len(s) < 24 {
		errs = append(errs, errors.New("PARVIS_MAIL_WEBHOOK_SECRET must be at least 24 characters (e.g. openssl rand -hex 24)"))
	}
	port, err := strconv.Atoi(get("PARVIS_SMTP_PORT", "587"))
	if err != nil || port < 1 || port > 65535 {
		errs = append(errs, errors.New("PARVIS_SMTP_PORT must be a port number"))
	}
	c.Mail.SMTPPort = port
	switch c.Mail.Driver {
	case "dev":
		if c.Env == "production" {
			errs = append(errs, errors.New("PARVIS_MAIL_DRIVER=dev is for development; set smtp in production"))
		}
	case "smtp":
		if c.Mail.SMTPHost == "" {
			errs = append(errs, errors.New("PARVIS_SMTP_HOST is required when PARVIS_MAIL_DRIVER=smtp"))
		}
		if c.Mail.SMTPTLS != "starttls" && c.Mail.SMTPTLS != "tls" && c.Mail.SMTPTLS != "none" {
			errs = append(errs, errors.New("PARVIS_SMTP_TLS must be starttls, tls or none"))
		}
		if c.Env == "production" && c.Mail.SMTPTLS == "none" {
			errs = append(errs, errors.New("PARVIS_SMTP_TLS=none is refused in production"))
		}
	default:
		errs = append(errs, fmt.Errorf("PARVIS_MAIL_DRIVER must be dev or smtp, not %q", c.Mail.Driver))
	}
	if !strings.Contains(c.Mail.FromAddress, "@") {
		errs = append(errs, errors.New("PARVIS_MAIL_FROM must be an email address"))
	}

	c.Storage = StorageConfig{
		Driver:      get("PARVIS_STORAGE_DRIVER", "local"),
		Dir:         get("PARVIS_STORAGE_DIR", "var/blobs"),
		S3Endpoint:  get("PARVIS_S3_ENDPOINT", ""),
		S3Region:    get("PARVIS_S3_REGION", "auto"),
		S3Bucket:    get("PARVIS_S3_BUCKET", ""),
		S3AccessKey: get("PARVIS_S3_ACCESS_KEY_ID", ""),
		S3SecretKey: get("PARVIS_S3_SECRET_ACCESS_KEY", ""),
		S3PathStyle: get("PARVIS_S3_PATH_STYLE", "false") == "true",
	}
	if v := get("PARVIS_STORAGE_SECRET", ""); v != "" {
		b, err := hex.DecodeString(v)
		if err != nil || len(b) < 32 {
			errs = append(errs, errors.New("PARVIS_STORAGE_SECRET must be at least 64 hex digits (openssl rand -hex 32)"))
		}
		c.Storage.Secret = b
	}
	sizeVar := func(k string, def int64) int64 {
		n, err := strconv.ParseInt(get(k, strconv.FormatInt(def, 10)), 10, 64)
		if err != nil || n <= 0 {
			errs = append(errs, fmt.Errorf("%s must be a positive number of bytes", k))
		}
		return n
	}
	c.Storage.MaxFileBytes = sizeVar("PARVIS_FILES_MAX_BYTES", 25<<20)
	c.Storage.QuotaBytes = sizeVar("PARVIS_FILES_QUOTA_BYTES", 5<<30)
	switch c.Storage.Driver {
	case "local":
		if c.Env == "production" && c.Storage.Secret == nil {
			errs = append(errs, errors.New("PARVIS_STORAGE_SECRET is required in production with the local storage driver"))
		}
	case "s3":
		if c.Storage.S3Bucket == "" || c.Storage.S3AccessKey == "" || c.Storage.S3SecretKey == "" {
			errs = append(errs, errors.New("PARVIS_S3_BUCKET, PARVIS_S3_ACCESS_KEY_ID and PARVIS_S3_SECRET_ACCESS_KEY are required when PARVIS_STORAGE_DRIVER=s3"))
		}
	default:
		errs = append(errs, fmt.Errorf("PARVIS_STORAGE_DRIVER must be local or s3, not %q", c.Storage.Driver))
	}

	if v := get("PARVIS_SECRET_KEY", ""); v != "" {
		b, err := hex.DecodeString(v)
		if err != nil || len(b) < 32 {
			errs = append(errs, errors.New("PARVIS_SECRET_KEY must be at least 64 hex digits (openssl rand -hex 32)"))
		}
		c.Payments.SecretKey = b
	} else if c.Env == "production" {
		errs = append(errs, errors.New("PARVIS_SECRET_KEY is required in production (openssl rand -hex 32)"))
	}
	c.Payments.StripeAPIURL = get("PARVIS_STRIPE_API_URL", "")
	if u := c.Payments.StripeAPIURL; u != "" {
		if pu, err := url.Parse(u); err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
			errs = append(errs, fmt.Errorf("PARVIS_STRIPE_API_URL must be an absolute http(s) URL, not %q", u))
		}
	}
	defSim := "true"
	if c.Env == "production" {
		defSim = "false"
	}
	switch v := get("PARVIS_PAYMENTS_SIMULATED", defSim); v {
	case "true", "false":
		c.Payments.Simulated = v == "true"
	default:
		errs = append(errs, fmt.Errorf("PARVIS_PAYMENTS_SIMULATED must be true or false, not %q", v))
	}

	// Figures from the security guide (ASVS): 30 min idle, 12 h absolute.
	c.SessionIdle = 30 * time.Minute
	c.SessionAbsolute = 12 * time.Hour
	// Below the server's 60 s write timeout, so the client gets the 503.
	if c.RequestTimeout, err = time.ParseDuration(get("PARVIS_REQUEST_TIMEOUT", "30s")); err != nil ||
		c.RequestTimeout < 100*time.Millisecond || c.RequestTimeout > 55*time.Second {
		errs = append(errs, errors.New("PARVIS_REQUEST_TIMEOUT must be a duration between 100ms and 55s (e.g. 30s)"))
	}
	if c.LiveMaxAge, err = time.ParseDuration(get("PARVIS_LIVE_MAX_AGE", "30m")); err != nil || c.LiveMaxAge < 100*time.Millisecond || c.LiveMaxAge > 2*time.Hour {
		errs = append(errs, errors.New("PARVIS_LIVE_MAX_AGE must be a duration between 100ms and 2h (e.g. 30m)"))
	}

	if len(errs) > 0 {
		return nil, fmt.Errorf("configuration: %w", errors.Join(errs...))
	}
	return c, nil
}

// Link returns an absolute link on the public origin; hosts in emails come
// from configuration, never from a request's Host header.
func (c *Config) Link(path string) string {
	u := *c.PublicURL
	return strings.TrimRight(u.String(), "/") + path
}
