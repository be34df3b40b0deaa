package config

import "strings"

// redacted replaces a password in a URL shown to people.
const redacted = "xxxxx"

// RedactURL returns url with the password of its user info replaced by
// "xxxxx", the way the PostgreSQL driver shows DATABASE_URL, so that
// REDIS_URL can be printed in start-up lines and errors. It works on the
// text alone: a URL that does not parse is masked as well. The user info
// is everything between "://" and the last "@" before the query; without
// a ":" in it, all of it is taken for a password (redis://secret@host).
func RedactURL(url string) string {
	scheme, rest, ok := strings.Cut(url, "://")
	if !ok {
		return url
	}
	authority, query, hasQuery := strings.Cut(rest, "?")
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return url
	}
	userinfo := authority[:at]
	masked := redacted
	if user, _, hasPassword := strings.Cut(userinfo, ":"); hasPassword {
		masked = user + ":" + redacted
	}
	out := scheme + "://" + masked + authority[at:]
	if hasQuery {
		out += "?" + query
	}
	return out
}
