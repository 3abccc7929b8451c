// Copied by generator 0.1.0 from templates/go/runtime/oauth2.go. Do not edit.
package apicore

// OAuth2 access tokens the client gets for itself: fetched on first use,
// cached, refreshed before they expire.
//
// OAuth2Tokens runs one grant of a security scheme's flows against its token
// endpoint (client_credentials, the resource-owner password grant, or only
// refresh_token when that is all it was given), keeps the token with its
// expiry, and asks again DefaultTokenMargin before it ends (half the lifetime
// for a short one), with the refresh token when the endpoint gave one, else
// with the grant itself. One fetch serves every concurrent caller: the first
// starts it, the others wait for its result (each until its own context ends;
// the fetch goes on for the others). A 401 from the API drops the token it
// was sent with, and the call is sent once more with a new one (transport.go).
//
// Tokens go only to the API: the token endpoint is asked with a request of its
// own (the form and Accept, none of the API's headers), its redirects are not
// followed, its answer is read up to TokenBodyLimit bytes, and presigned or
// redirect targets are fetched without credentials. No secret is in any
// Error(), String() or GoString(), nor in the response a TokenError keeps.

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// DefaultTokenMargin is how long before its expiry a token is replaced.
const DefaultTokenMargin = 60 * time.Second

// TokenBodyLimit is the bytes of a token endpoint's answer read at most.
const TokenBodyLimit = 64 * 1024

// The grants a client runs itself (an authorization code is the user's to get: only its refresh token).
const (
	GrantClientCredentials = "client_credentials"
	GrantPassword          = "password"
	GrantRefreshToken      = "refresh_token"
)

// OAuth2Grant is a grant a security scheme's flow allows, and where its tokens
// are asked for (TokenURL) and refreshed (RefreshURL). A relative URL is
// resolved against the client's base URL.
type OAuth2Grant struct {
	Grant      string
	TokenURL   string
	RefreshURL string
}

// OAuth2Secrets is what the grants take; a part left empty is not sent.
type OAuth2Secrets struct {
	ClientID     string
	ClientSecret string
	Username     string
	Password     string
	RefreshToken string
	// Scopes are asked for with every token (space-separated in the form).
	Scopes []string
}

// String names the parts given, never their values.
func (s OAuth2Secrets) String() string {
	var given []string
	for _, part := range [][2]string{
		{"client_id", s.ClientID}, {"client_secret", s.ClientSecret}, {"username", s.Username},
		{"password", s.Password}, {"refresh_token", s.RefreshToken},
	} {
		if part[1] != "" {
			given = append(given, part[0]+"=***")
		}
	}
	return "OAuth2Secrets(" + strings.Join(given, ", ") + ")"
}

// GoString hides the secrets.
func (s OAuth2Secrets) GoString() string { return s.String() }

// TokenError is the token endpoint refusing to issue a token (or answering
// without one): an *AuthenticationError. ErrorCode and ErrorDescription are
// the endpoint's own (RFC 6749, 5.2); the message names the endpoint by its
// path, never a secret.
type TokenError struct {
	*AuthenticationError
	ErrorCode        string
	ErrorDescription string
}

// Unwrap is the authentication error, so errors.As finds *AuthenticationError and *APIError.
func (e *TokenError) Unwrap() error { return e.AuthenticationError }

// OAuth2Tokens are the access tokens of one security scheme, got by one grant
// and cached; see the file's description. Safe for concurrent use.
type OAuth2Tokens struct {
	grant   OAuth2Grant
	secrets OAuth2Secrets
	margin  time.Duration
	now     func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time // zero: no expiry given
	refresh string
	dropped error // why the refresh token was dropped, when it was all there was
	pending *tokenFetch
	fetches int
}

type tokenFetch struct {
	done  chan struct{}
	token string
	err   error
}

// NewOAuth2Tokens is a token source by the first grant the secrets allow:
// password (user name and password), client credentials (client id and
// secret), else a refresh token alone; nil when they allow none.
func NewOAuth2Tokens(grants []OAuth2Grant, secrets OAuth2Secrets) *OAuth2Tokens {
	find := func(kind string) *OAuth2Grant {
		for index := range grants {
			if grants[index].Grant == kind {
				return &grants[index]
			}
		}
		return nil
	}
	var chosen *OAuth2Grant
	if password := find(GrantPassword); password != nil && secrets.Username != "" && secrets.Password != "" {
		chosen = password
	} else if client := find(GrantClientCredentials); client != nil && secrets.ClientID != "" && secrets.ClientSecret != "" {
		chosen = client
	} else if secrets.RefreshToken != "" && len(grants) > 0 {
		refresh := grants[0].RefreshURL
		if refresh == "" {
			refresh = grants[0].TokenURL
		}
		chosen = &OAuth2Grant{Grant: GrantRefreshToken, TokenURL: refresh, RefreshURL: refresh}
	}
	if chosen == nil {
		return nil
	}
	grant := *chosen
	if grant.RefreshURL == "" {
		grant.RefreshURL = grant.TokenURL
	}
	secrets.Scopes = append([]string(nil), secrets.Scopes...)
	return &OAuth2Tokens{grant: grant, secrets: secrets, margin: DefaultTokenMargin, now: time.Now, refresh: secrets.RefreshToken}
}

// Grant is the grant these tokens come from (no secret in it).
func (s *OAuth2Tokens) Grant() OAuth2Grant { return s.grant }

// Fetches is how many times the token endpoint answered with a token.
func (s *OAuth2Tokens) Fetches() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.fetches
}

// String names the grant and the token URL, never a token or secret.
func (s *OAuth2Tokens) String() string {
	return "OAuth2Tokens(" + s.grant.Grant + ", " + s.grant.TokenURL + ")"
}

// GoString hides the tokens and secrets.
func (s *OAuth2Tokens) GoString() string { return s.String() }

// Current is the cached token while it is fresh, else "".
func (s *OAuth2Tokens) Current() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.current()
}

func (s *OAuth2Tokens) current() string {
	if s.token == "" || (!s.expires.IsZero() && !s.now().Before(s.expires)) {
		return ""
	}
	return s.token
}

// Invalidate forgets token (the API refused it) unless another caller has already replaced it.
func (s *OAuth2Tokens) Invalidate(token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.token == token {
		s.token = ""
	}
}

// Token is a fresh token, asking the endpoint with client (once for every
// waiting caller) when there is none. base resolves a relative token URL;
// timeout bounds the endpoint's answer (0: no bound).
func (s *OAuth2Tokens) Token(ctx context.Context, client *http.Client, base string, timeout time.Duration) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	s.mu.Lock()
	if token := s.current(); token != "" {
		s.mu.Unlock()
		return token, nil
	}
	fetch := s.pending
	if fetch == nil {
		fetch = &tokenFetch{done: make(chan struct{})}
		s.pending = fetch
		go s.run(fetch, client, base, timeout)
	}
	s.mu.Unlock()
	select {
	case <-fetch.done:
		return fetch.token, fetch.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

func (s *OAuth2Tokens) run(fetch *tokenFetch, client *http.Client, base string, timeout time.Duration) {
	token, err := s.ask(client, base, timeout)
	s.mu.Lock()
	s.pending = nil
	fetch.token, fetch.err = token, err
	s.mu.Unlock()
	close(fetch.done)
}

// ask is the endpoint's token: with the refresh token first, then with the
// grant itself if that is refused. The refresh token is dropped only when the
// endpoint says it is no longer valid (invalid_grant); any other refusal (a
// server error, a rate limit) keeps it for the next fetch.
func (s *OAuth2Tokens) ask(client *http.Client, base string, timeout time.Duration) (string, error) {
	s.mu.Lock()
	var refusal error = &ArgumentError{Parameter: "OAuth2", Problem: "no grant to run"}
	if s.dropped != nil {
		refusal = s.dropped
	}
	s.mu.Unlock()
	for _, attempt := range s.attempts() {
		answer, err := askEndpoint(client, resolveURL(base, attempt.url), attempt.form, timeout)
		if err == nil {
			return s.store(answer), nil
		}
		var refused *TokenError
		if !errors.As(err, &refused) {
			return "", err
		}
		refusal = err
		if attempt.refresh && refused.ErrorCode == "invalid_grant" {
			s.mu.Lock()
			s.refresh = ""
			if s.grant.Grant == GrantRefreshToken {
				s.dropped = err
			}
			s.mu.Unlock()
		}
	}
	return "", refusal
}

type tokenAttempt struct {
	url     string
	form    url.Values
	refresh bool
}

func (s *OAuth2Tokens) attempts() []tokenAttempt {
	s.mu.Lock()
	refresh := s.refresh
	s.mu.Unlock()
	client := func(form url.Values) url.Values {
		if s.secrets.ClientID != "" {
			form.Set("client_id", s.secrets.ClientID)
		}
		if s.secrets.ClientSecret != "" {
			form.Set("client_secret", s.secrets.ClientSecret)
		}
		return form
	}
	scoped := func(form url.Values) url.Values {
		if len(s.secrets.Scopes) > 0 {
			form.Set("scope", strings.Join(s.secrets.Scopes, " "))
		}
		return client(form)
	}
	var attempts []tokenAttempt
	if refresh != "" {
		form := url.Values{"grant_type": {GrantRefreshToken}, "refresh_token": {refresh}}
		attempts = append(attempts, tokenAttempt{s.grant.RefreshURL, client(form), true})
	}
	switch s.grant.Grant {
	case GrantClientCredentials:
		attempts = append(attempts, tokenAttempt{s.grant.TokenURL, scoped(url.Values{"grant_type": {GrantClientCredentials}}), false})
	case GrantPassword:
		form := url.Values{"grant_type": {GrantPassword}, "username": {s.secrets.Username}, "password": {s.secrets.Password}}
		attempts = append(attempts, tokenAttempt{s.grant.TokenURL, scoped(form), false})
	}
	return attempts
}

var digitsOnly = regexp.MustCompile(`^\s*\d+\s*$`)

func (s *OAuth2Tokens) store(answer map[string]any) string {
	token, _ := answer["access_token"].(string)
	lifetime, known := -1.0, false
	switch value := answer["expires_in"].(type) {
	case float64:
		lifetime, known = value, value >= 0 && value < 1e12
	case string:
		if digitsOnly.MatchString(value) {
			parsed, err := strconv.ParseFloat(strings.TrimSpace(value), 64)
			lifetime, known = parsed, err == nil && parsed < 1e12
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.expires = time.Time{}
	if known {
		life := time.Duration(lifetime * float64(time.Second))
		margin := s.margin
		if half := life / 2; half < margin {
			margin = half
		}
		s.expires = s.now().Add(life - margin)
	}
	if refresh, ok := answer["refresh_token"].(string); ok && refresh != "" {
		s.refresh, s.dropped = refresh, nil
	}
	s.token = token
	s.fetches++
	return token
}

// OAuth2Credential is the credential of an oauth2 scheme whose tokens the
// client gets itself: each call sends the fresh token Tokens gives.
type OAuth2Credential struct {
	Tokens *OAuth2Tokens
}

// String hides the tokens.
func (o OAuth2Credential) String() string { return "OAuth2Credential(" + o.Tokens.String() + ")" }

// GoString hides the tokens.
func (o OAuth2Credential) GoString() string { return o.String() }

// apply sends the cached token; the transport asks for a fresh one before it builds a request.
func (o OAuth2Credential) apply(headers map[string]string, query *[]QueryParam) error {
	token := o.Tokens.Current()
	if token == "" {
		return &ArgumentError{Parameter: "Authorization", Problem: "no OAuth2 token was fetched yet"}
	}
	return BearerToken{Token: token}.apply(headers, query)
}

// OAuth2Settings is how a client gets tokens for an oauth2 scheme: the flows'
// grants and the secrets given (by WithOAuth2Grants and WithOAuth2Secret).
type OAuth2Settings struct {
	Grants  []OAuth2Grant
	Secrets OAuth2Secrets
}

// WithOAuth2Grants says which grants the oauth2 scheme allows, and the scopes to ask for.
func WithOAuth2Grants(scheme string, scopes []string, grants ...OAuth2Grant) Option {
	return withOAuth2(scheme, func(settings *OAuth2Settings) {
		settings.Grants = append([]OAuth2Grant(nil), grants...)
		settings.Secrets.Scopes = append([]string(nil), scopes...)
	})
}

// WithOAuth2Secret gives one part of what the scheme's grants take: part is
// "client_id", "client_secret", "username", "password" or "refresh_token".
// Without a token given for the scheme, the client gets its own with them.
func WithOAuth2Secret(scheme, part, value string) Option {
	return withOAuth2(scheme, func(settings *OAuth2Settings) {
		secrets := &settings.Secrets
		switch part {
		case "client_id":
			secrets.ClientID = value
		case "client_secret":
			secrets.ClientSecret = value
		case "username":
			secrets.Username = value
		case "password":
			secrets.Password = value
		case "refresh_token":
			secrets.RefreshToken = value
		}
	})
}

// WithOAuth2Tokens gives a token source for scheme (one of NewOAuth2Tokens).
func WithOAuth2Tokens(scheme string, tokens *OAuth2Tokens) Option {
	if tokens == nil {
		return nil
	}
	return WithCredential(scheme, OAuth2Credential{Tokens: tokens})
}

func withOAuth2(scheme string, change func(*OAuth2Settings)) Option {
	return func(c *Config) {
		if c.OAuth2 == nil {
			c.OAuth2 = map[string]OAuth2Settings{}
		}
		settings := c.OAuth2[scheme]
		change(&settings)
		c.OAuth2[scheme] = settings
	}
}

// withTokenSources is credentials with a token source for each oauth2 scheme
// that has no credential yet and whose secrets allow a grant (a new map).
func withTokenSources(credentials map[string]Credential, oauth map[string]OAuth2Settings) map[string]Credential {
	all := make(map[string]Credential, len(credentials)+len(oauth))
	for scheme, credential := range credentials {
		all[scheme] = credential
	}
	for scheme, settings := range oauth {
		if all[scheme] != nil {
			continue
		}
		if tokens := NewOAuth2Tokens(settings.Grants, settings.Secrets); tokens != nil {
			all[scheme] = OAuth2Credential{Tokens: tokens}
		}
	}
	return all
}

// tokenSourcesInUse are the token sources of the alternative ApplySecurity will send.
func tokenSourcesInUse(requirements [][]string, credentials map[string]Credential) []*OAuth2Tokens {
	for _, group := range requirements {
		if len(group) == 0 || !hasAll(credentials, group) {
			continue
		}
		var sources []*OAuth2Tokens
		for _, name := range group {
			if oauth, ok := credentials[name].(OAuth2Credential); ok && oauth.Tokens != nil {
				sources = append(sources, oauth.Tokens)
			}
		}
		return sources
	}
	return nil
}

func resolveURL(base, target string) string {
	parsed, err := url.Parse(target)
	if err != nil || parsed.IsAbs() {
		return target
	}
	root, err := url.Parse(base)
	if err != nil {
		return target
	}
	return root.ResolveReference(parsed).String()
}

// askEndpoint is the endpoint's JSON answer holding an access_token; TokenError otherwise.
func askEndpoint(client *http.Client, target string, form url.Values, timeout time.Duration) (map[string]any, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	timedOut := &flag{}
	if timeout > 0 {
		timer := time.AfterFunc(timeout, func() { timedOut.set(); cancel() })
		defer timer.Stop()
	}
	request, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, &ArgumentError{Parameter: "token URL", Problem: "cannot be requested: " + describeURLError(err)}
	}
	request.Header.Set("Accept", "application/json")
	request.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	noFollow := *client
	noFollow.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	response, err := noFollow.Do(request)
	if err != nil {
		return nil, connectionError(request, err, timedOut.get())
	}
	body, err := io.ReadAll(io.LimitReader(response.Body, TokenBodyLimit+1))
	_ = response.Body.Close()
	if err != nil {
		return nil, connectionError(request, err, timedOut.get())
	}
	answer := map[string]any{}
	if len(body) <= TokenBodyLimit && !JSONTooDeep(body, MaxJSONDepth) {
		if json.Unmarshal(body, &answer) != nil {
			answer = map[string]any{}
		}
	}
	token, _ := answer["access_token"].(string)
	if response.StatusCode >= 200 && response.StatusCode < 300 && token != "" {
		return answer, nil
	}
	return nil, newTokenError(response, request.URL.EscapedPath(), answer)
}

func newTokenError(response *http.Response, path string, answer map[string]any) *TokenError {
	code, _ := answer["error"].(string)
	description, _ := answer["error_description"].(string)
	code, description = shortText(code), shortText(description)
	words := code
	if description != "" {
		if words != "" {
			words += ": "
		}
		words += description
	}
	if words == "" {
		words = "no access token in the answer"
	}
	// the response without the request that asked (its form held the secrets)
	kept := *response
	kept.Request = nil
	kept.Body = http.NoBody
	apiError := &APIError{
		StatusCode: response.StatusCode, Message: "token endpoint refused: " + words,
		Method: http.MethodPost, Path: path, Response: &kept,
	}
	return &TokenError{AuthenticationError: &AuthenticationError{APIError: apiError}, ErrorCode: code, ErrorDescription: description}
}

func shortText(text string) string {
	words := strings.Join(strings.Fields(text), " ")
	if runes := []rune(words); len(runes) > 300 {
		return string(runes[:299]) + "…"
	}
	return words
}
