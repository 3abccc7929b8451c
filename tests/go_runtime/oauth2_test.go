package apicoretest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"apicoretest/apicore"
)

// tokenServer issues the tokens t1, t2, ... (answer(hit) adds to or replaces
// each answer) and records every form it was sent.
type tokenServer struct {
	*server
	mu    sync.Mutex
	forms []url.Values
	heads []http.Header
}

func issue(t *testing.T, answer func(hit int) (int, map[string]any)) *tokenServer {
	t.Helper()
	tokens := &tokenServer{}
	tokens.server = serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_ = r.ParseForm()
		tokens.mu.Lock()
		tokens.forms = append(tokens.forms, r.PostForm)
		tokens.heads = append(tokens.heads, r.Header.Clone())
		tokens.mu.Unlock()
		status, body := http.StatusOK, map[string]any{"access_token": fmt.Sprintf("t%d", hit), "token_type": "Bearer"}
		if answer != nil {
			var extra map[string]any
			status, extra = answer(hit)
			for key, value := range extra {
				body[key] = value
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(body)
	})
	return tokens
}

func (s *tokenServer) form(index int) url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.forms[index]
}

// bearerAPI answers 200 to the tokens in accepted (all when empty), else 401, and records each Authorization.
type bearerAPI struct {
	*server
	mu   sync.Mutex
	seen []string
}

func api(t *testing.T, refused ...string) *bearerAPI {
	t.Helper()
	a := &bearerAPI{}
	a.server = serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		got := r.Header.Get("Authorization")
		a.mu.Lock()
		a.seen = append(a.seen, got)
		a.mu.Unlock()
		for _, token := range refused {
			if got == "Bearer "+token {
				w.WriteHeader(http.StatusUnauthorized)
				_, _ = w.Write([]byte(`{"message": "token expired"}`))
				return
			}
		}
		_, _ = w.Write([]byte(`{"ok": true}`))
	})
	return a
}

func (a *bearerAPI) authorizations() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

func oauthTransport(t *testing.T, base string, tokens *tokenServer, secrets map[string]string, options ...apicore.Option) *apicore.Transport {
	t.Helper()
	grants := []apicore.OAuth2Grant{
		{Grant: apicore.GrantClientCredentials, TokenURL: tokens.URL + "/oauth2/token", RefreshURL: tokens.URL + "/oauth2/token"},
		{Grant: apicore.GrantPassword, TokenURL: tokens.URL + "/oauth2/token", RefreshURL: tokens.URL + "/oauth2/token"},
	}
	all := []apicore.Option{apicore.WithOAuth2Grants("oauth", nil, grants...), apicore.WithRetryPolicy(apicore.NoRetry())}
	for part, value := range secrets {
		all = append(all, apicore.WithOAuth2Secret("oauth", part, value))
	}
	return transport(t, base, append(all, options...)...)
}

var clientSecrets = map[string]string{"client_id": "app-id", "client_secret": secret}

func secured() *apicore.Request {
	return &apicore.Request{Method: "GET", Path: "/v3/downloads", Security: [][]string{{"oauth"}}}
}

func TestTokenFetchedOnceThenReused(t *testing.T) {
	tokens := issue(t, func(int) (int, map[string]any) { return 200, map[string]any{"expires_in": 1800} })
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	for i := 0; i < 3; i++ {
		if _, err := core.Do(background(t), secured()); err != nil {
			t.Fatal(err)
		}
	}
	if tokens.count() != 1 || strings.Join(a.authorizations(), ",") != "Bearer t1,Bearer t1,Bearer t1" {
		t.Fatalf("want one token fetch reused, got %d fetches and %v", tokens.count(), a.authorizations())
	}
	form := tokens.form(0)
	if form.Get("grant_type") != "client_credentials" || form.Get("client_id") != "app-id" || form.Get("client_secret") != secret {
		t.Fatalf("token request form %v", form)
	}
	head := tokens.heads[0]
	if head.Get("Authorization") != "" || head.Get("Content-Type") != "application/x-www-form-urlencoded" || head.Get("Accept") != "application/json" {
		t.Fatalf("token request headers %v", head)
	}
}

func TestTokenRefreshedAfterExpiryWithTheRefreshToken(t *testing.T) {
	tokens := issue(t, func(hit int) (int, map[string]any) {
		if hit == 1 {
			return 200, map[string]any{"expires_in": 1, "refresh_token": "r1"}
		}
		return 200, map[string]any{"expires_in": "1800"}
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatal(err)
	}
	time.Sleep(600 * time.Millisecond) // past half of a one-second lifetime
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatal(err)
	}
	second := tokens.form(1)
	if tokens.count() != 2 || second.Get("grant_type") != "refresh_token" || second.Get("refresh_token") != "r1" || second.Get("client_id") != "app-id" {
		t.Fatalf("want a refresh with r1, got %d fetches, second form %v", tokens.count(), second)
	}
	if strings.Join(a.authorizations(), ",") != "Bearer t1,Bearer t2" {
		t.Fatalf("sent %v", a.authorizations())
	}
}

func TestRefusedRefreshFallsBackToTheGrant(t *testing.T) {
	tokens := issue(t, func(hit int) (int, map[string]any) {
		switch hit {
		case 1:
			return 200, map[string]any{"expires_in": 1, "refresh_token": "r1"}
		case 2:
			return 400, map[string]any{"error": "invalid_grant", "access_token": ""}
		}
		return 200, nil
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	_, _ = core.Do(background(t), secured())
	time.Sleep(600 * time.Millisecond)
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatal(err)
	}
	if tokens.count() != 3 || tokens.form(2).Get("grant_type") != "client_credentials" {
		t.Fatalf("want the grant after the refused refresh, got %d fetches", tokens.count())
	}
}

func TestPasswordGrant(t *testing.T) {
	tokens := issue(t, nil)
	a := api(t)
	secrets := map[string]string{"client_id": "app-id", "client_secret": secret, "username": "ann", "password": "pw-" + secret}
	grants := []apicore.OAuth2Grant{{Grant: apicore.GrantPassword, TokenURL: "/oauth2/token"}}
	// a relative token URL is resolved against the base URL
	core := transport(t, tokens.URL, apicore.WithOAuth2Grants("oauth", []string{"read", "write"}, grants...),
		apicore.WithOAuth2Secret("oauth", "username", secrets["username"]), apicore.WithOAuth2Secret("oauth", "password", secrets["password"]),
		apicore.WithOAuth2Secret("oauth", "client_id", "app-id"))
	tokensOnly := oauthTransport(t, a.URL, tokens, secrets)
	if _, err := tokensOnly.Do(background(t), secured()); err != nil {
		t.Fatal(err)
	}
	form := tokens.form(0)
	if form.Get("grant_type") != "password" || form.Get("username") != "ann" || form.Get("password") != "pw-"+secret {
		t.Fatalf("password grant form %v", form)
	}
	request := secured()
	request.Path = "/other"
	_, _ = core.Do(background(t), request)
	if tokens.count() < 2 || tokens.form(1).Get("scope") != "read write" || tokens.form(1).Get("client_secret") != "" {
		t.Fatalf("relative token URL with scopes: %d fetches, %v", tokens.count(), tokens.form(1))
	}
}

func TestUnauthorizedGetsANewTokenOnce(t *testing.T) {
	tokens := issue(t, nil)
	a := api(t, "t1")
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatalf("want success with a new token after the 401, got %v", err)
	}
	if tokens.count() != 2 || strings.Join(a.authorizations(), ",") != "Bearer t1,Bearer t2" {
		t.Fatalf("want t1 refused then t2, got %d fetches and %v", tokens.count(), a.authorizations())
	}
}

func TestSecondUnauthorizedIsAnAuthenticationError(t *testing.T) {
	tokens := issue(t, nil)
	a := api(t, "t1", "t2", "t3")
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	_, err := core.Do(background(t), secured())
	var auth *apicore.AuthenticationError
	var tokenError *apicore.TokenError
	if !errors.As(err, &auth) || errors.As(err, &tokenError) || auth.StatusCode != 401 {
		t.Fatalf("want the API's 401 as an AuthenticationError, got %v", err)
	}
	if tokens.count() != 2 || len(a.authorizations()) != 2 {
		t.Fatalf("want exactly one resend, got %d fetches and %v", tokens.count(), a.authorizations())
	}
}

func TestRefusedTokenIsATokenErrorWithoutSecrets(t *testing.T) {
	tokens := issue(t, func(int) (int, map[string]any) {
		return 401, map[string]any{"access_token": "", "error": "invalid_client", "error_description": "Client   authentication failed"}
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	_, err := core.Do(background(t), secured())
	var tokenError *apicore.TokenError
	var auth *apicore.AuthenticationError
	var status *apicore.APIError
	if !errors.As(err, &tokenError) || !errors.As(err, &auth) || !errors.As(err, &status) {
		t.Fatalf("want a TokenError (an AuthenticationError, an APIError), got %T %v", err, err)
	}
	if tokenError.ErrorCode != "invalid_client" || tokenError.ErrorDescription != "Client authentication failed" {
		t.Fatalf("endpoint's error not kept: %q %q", tokenError.ErrorCode, tokenError.ErrorDescription)
	}
	if !strings.Contains(err.Error(), "invalid_client: Client authentication failed") || !strings.Contains(err.Error(), "/oauth2/token") {
		t.Fatalf("message %q", err.Error())
	}
	assertNoSecret(t, err)
	for _, text := range []string{fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", core.Config().Credentials), fmt.Sprintf("%+v", core.Config())} {
		if strings.Contains(text, secret) {
			t.Fatalf("a secret is printed: %s", text)
		}
	}
	if kept := tokenError.Response; kept == nil || kept.Request != nil {
		t.Fatalf("the response keeps the request that held the secrets: %+v", kept)
	}
	if a.count() != 0 {
		t.Fatal("the API was called without a token")
	}
}

func TestTokenEndpointAnswersThatAreNotTokens(t *testing.T) {
	for name, answer := range map[string]func(w http.ResponseWriter){
		"redirect": func(w http.ResponseWriter) { w.Header().Set("Location", "/elsewhere"); w.WriteHeader(http.StatusFound) },
		"too large": func(w http.ResponseWriter) {
			_, _ = w.Write([]byte(`{"access_token": "t", "pad": "` + strings.Repeat("x", 70_000) + `"}`))
		},
		"too deep": func(w http.ResponseWriter) {
			_, _ = w.Write([]byte(`{"access_token": "t", "deep": ` + strings.Repeat("[", 100_000) + strings.Repeat("]", 100_000) + `}`))
		},
		"not json": func(w http.ResponseWriter) { _, _ = w.Write([]byte("access_token=t")) },
	} {
		t.Run(name, func(t *testing.T) {
			elsewhere := 0
			tokens := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
				if r.URL.Path == "/elsewhere" {
					elsewhere++
				}
				answer(w)
			})
			a := api(t)
			core := transport(t, a.URL, apicore.WithOAuth2Grants("oauth", nil, apicore.OAuth2Grant{Grant: apicore.GrantClientCredentials, TokenURL: tokens.URL + "/token"}),
				apicore.WithOAuth2Secret("oauth", "client_id", "id"), apicore.WithOAuth2Secret("oauth", "client_secret", secret))
			_, err := core.Do(background(t), secured())
			var tokenError *apicore.TokenError
			if !errors.As(err, &tokenError) || elsewhere != 0 || a.count() != 0 {
				t.Fatalf("want a TokenError, no redirect followed, no API call: %v (%d, %d)", err, elsewhere, a.count())
			}
		})
	}
}

func TestTokenWithALineBreakIsRefusedBeforeSending(t *testing.T) {
	tokens := issue(t, func(int) (int, map[string]any) { return 200, map[string]any{"access_token": "t1\r\nX-Evil: 1"} })
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	_, err := core.Do(background(t), secured())
	var argument *apicore.ArgumentError
	if !errors.As(err, &argument) || argument.Parameter != "Authorization" || a.count() != 0 {
		t.Fatalf("want an ArgumentError naming Authorization and no API call, got %v", err)
	}
}

func TestTokenNeverReachesTheRedirectHost(t *testing.T) {
	files := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		_, _ = w.Write([]byte("JPEG bytes"))
	})
	tokens := issue(t, nil)
	a := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("Authorization") != "Bearer t1" {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		http.Redirect(w, r, files.URL+"/photo.jpg", http.StatusSeeOther)
	})
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	request := secured()
	request.ExpectRedirect = true
	response, err := core.Do(background(t), request)
	if err != nil {
		t.Fatal(err)
	}
	saved, err := core.FollowRedirect(background(t), response, t.TempDir(), apicore.SaveOptions{})
	if err != nil || files.count() != 1 {
		t.Fatalf("the file host saw the token or the save failed: %v, %s", err, saved)
	}
}

func TestConcurrentCallsShareOneFetch(t *testing.T) {
	release := make(chan struct{})
	tokens := issue(t, func(int) (int, map[string]any) {
		<-release
		return 200, map[string]any{"expires_in": 3600}
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := core.Do(background(t), secured())
			errs <- err
		}()
	}
	time.Sleep(100 * time.Millisecond)
	close(release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if tokens.count() != 1 || len(a.authorizations()) != 16 {
		t.Fatalf("want one fetch for 16 calls, got %d", tokens.count())
	}
}

func TestCallerGivingUpDoesNotCancelTheSharedFetch(t *testing.T) {
	release := make(chan struct{})
	tokens := issue(t, func(int) (int, map[string]any) {
		<-release
		return 200, nil
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	short, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if _, err := core.Do(short, secured()); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want the context's error, got %v", err)
	}
	close(release)
	if _, err := core.Do(background(t), secured()); err != nil || tokens.count() != 1 {
		t.Fatalf("want the fetch started before to serve the next call: %v, %d fetches", err, tokens.count())
	}
}

func TestStaticTokenWinsOverTheTokenSource(t *testing.T) {
	tokens := issue(t, nil)
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets, apicore.WithBearerToken("oauth", "static"))
	if _, err := core.Do(background(t), secured()); err != nil || tokens.count() != 0 || a.authorizations()[0] != "Bearer static" {
		t.Fatalf("want the given token sent as it is: %v, %d fetches, %v", err, tokens.count(), a.authorizations())
	}
}

func TestSecretsAllowingNoGrantGiveNoTokenSource(t *testing.T) {
	grants := []apicore.OAuth2Grant{{Grant: apicore.GrantPassword, TokenURL: "https://example.invalid/token"}}
	if apicore.NewOAuth2Tokens(grants, apicore.OAuth2Secrets{ClientID: "id", ClientSecret: "x"}) != nil {
		t.Fatal("client credentials without a clientCredentials flow")
	}
	refresh := apicore.NewOAuth2Tokens(grants, apicore.OAuth2Secrets{RefreshToken: secret})
	if refresh == nil || refresh.Grant().Grant != apicore.GrantRefreshToken || strings.Contains(fmt.Sprintf("%v %+v %#v", refresh, refresh, refresh), secret) {
		t.Fatalf("a refresh token alone: %v", refresh)
	}
	if text := fmt.Sprintf("%v %#v", apicore.OAuth2Secrets{ClientSecret: secret}, apicore.OAuth2Secrets{Password: secret}); strings.Contains(text, secret) {
		t.Fatalf("secrets printed: %s", text)
	}
	core := transport(t, "https://example.invalid", apicore.WithOAuth2Grants("oauth", nil, grants...))
	_, err := core.Do(background(t), secured())
	var missing *apicore.MissingCredentialsError
	if !errors.As(err, &missing) {
		t.Fatalf("want MissingCredentialsError, got %v", err)
	}
}

func TestARefreshRefusedForAnotherReasonKeepsTheRefreshToken(t *testing.T) {
	tokens := issue(t, func(hit int) (int, map[string]any) {
		switch hit {
		case 1:
			return 200, map[string]any{"expires_in": 0, "refresh_token": "r1"}
		case 2:
			return 503, map[string]any{"error": "temporarily_unavailable", "access_token": ""}
		}
		return 200, map[string]any{"expires_in": 0}
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, clientSecrets)
	for call := 0; call < 3; call++ {
		if _, err := core.Do(background(t), secured()); err != nil {
			t.Fatalf("call %d: %v", call, err)
		}
	}
	grants := []string{}
	for index := 0; index < tokens.count(); index++ {
		grants = append(grants, tokens.form(index).Get("grant_type"))
	}
	want := "client_credentials,refresh_token,client_credentials,refresh_token"
	if strings.Join(grants, ",") != want || tokens.form(3).Get("refresh_token") != "r1" {
		t.Fatalf("want the refresh token tried again after a refusal that is no invalid_grant, got %v", grants)
	}
	// each call sent the token just fetched (expires_in 0: the cache is stale at once)
	if strings.Join(a.authorizations(), ",") != "Bearer t1,Bearer t3,Bearer t4" {
		t.Fatalf("sent %v", a.authorizations())
	}
}

func TestARefreshTokenAloneIsDroppedOnlyOnInvalidGrant(t *testing.T) {
	tokens := issue(t, func(hit int) (int, map[string]any) {
		switch hit {
		case 1:
			return 429, map[string]any{"error": "slow_down", "access_token": ""}
		case 2:
			return 200, map[string]any{"expires_in": 0}
		}
		return 400, map[string]any{"error": "invalid_grant", "access_token": ""}
	})
	a := api(t)
	core := oauthTransport(t, a.URL, tokens, map[string]string{"refresh_token": "r0"})
	var refused *apicore.TokenError
	if _, err := core.Do(background(t), secured()); !errors.As(err, &refused) || refused.ErrorCode != "slow_down" {
		t.Fatalf("want the refusal as a TokenError, got %v", err)
	}
	if _, err := core.Do(background(t), secured()); err != nil {
		t.Fatalf("want the kept refresh token to work again, got %v", err)
	}
	for call := 0; call < 2; call++ {
		if _, err := core.Do(background(t), secured()); !errors.As(err, &refused) || refused.ErrorCode != "invalid_grant" {
			t.Fatalf("call %d: want the invalid_grant TokenError, got %v", call, err)
		}
	}
	if tokens.count() != 3 || tokens.form(1).Get("refresh_token") != "r0" {
		t.Fatalf("want no request after invalid_grant dropped the refresh token, got %d", tokens.count())
	}
}
