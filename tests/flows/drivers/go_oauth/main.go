// Command oauthdriver runs calls of the Getty Go client that gets its own
// OAuth2 tokens, against the loopback servers of tests/flows; it prints one JSON line.
//
//	oauthdriver API_URL TOKEN_SERVER_URL COMMAND_JSON
//
// COMMAND_JSON is {"options": {...}, "hooks": bool, "steps": [{"call", "args", "sleep_ms", "parallel"}]}.
// Getty's token URL is sent to the token server by the client's own
// WithHTTPClient, so the generated code runs unchanged. With "hooks", the
// client logs each response and error and adds an X-Team header.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"

	gettyimages "getty_images"
)

const gettyTokenHost = "authentication.gettyimages.com"

type command struct {
	Options map[string]string `json:"options"`
	Hooks   bool              `json:"hooks"`
	Steps   []step            `json:"steps"`
}

type step struct {
	Call     string   `json:"call"`
	Args     []string `json:"args"`
	SleepMs  int      `json:"sleep_ms"`
	Parallel int      `json:"parallel"`
}

type failure struct {
	Name           string `json:"name"`
	Message        string `json:"message"`
	Printed        string `json:"printed"`
	Authentication bool   `json:"authentication"`
	Token          bool   `json:"token"`
	Status         int    `json:"status"`
	Code           string `json:"code"`
	Description    string `json:"description"`
}

type result struct {
	OK    bool     `json:"ok"`
	Value string   `json:"value,omitempty"`
	Error *failure `json:"error,omitempty"`
}

// toLoopback sends Getty's token host to the token server.
type toLoopback struct{ tokens *url.URL }

func (t toLoopback) RoundTrip(request *http.Request) (*http.Response, error) {
	if request.URL.Host == gettyTokenHost {
		request = request.Clone(request.Context())
		request.URL.Scheme, request.URL.Host, request.Host = t.tokens.Scheme, t.tokens.Host, t.tokens.Host
	}
	return http.DefaultTransport.RoundTrip(request)
}

func main() {
	if len(os.Args) != 4 {
		fmt.Fprintln(os.Stderr, "usage: oauthdriver API_URL TOKEN_SERVER_URL COMMAND_JSON")
		os.Exit(2)
	}
	tokens, err := url.Parse(os.Args[2])
	var cmd command
	if err == nil {
		err = json.Unmarshal([]byte(os.Args[3]), &cmd)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	var mu sync.Mutex
	var log []string
	note := func(text string) {
		mu.Lock()
		log = append(log, text)
		mu.Unlock()
	}
	options := []gettyimages.Option{
		gettyimages.WithAPIKey("getty-key"),
		gettyimages.WithBaseURL(os.Args[1]),
		gettyimages.WithHTTPClient(&http.Client{Transport: toLoopback{tokens}}),
		gettyimages.WithTimeout(10 * time.Second),
	}
	o := cmd.Options
	if o["client_id"] != "" {
		options = append(options, gettyimages.WithClientCredentials(o["client_id"], o["client_secret"]))
	}
	if o["username"] != "" {
		options = append(options, gettyimages.WithPassword(o["username"], o["password"]))
	}
	if o["refresh_token"] != "" {
		options = append(options, gettyimages.WithRefreshToken(o["refresh_token"]))
	}
	if o["access_token"] != "" {
		options = append(options, gettyimages.WithAccessToken(o["access_token"]))
	}
	if cmd.Hooks {
		options = append(options,
			gettyimages.WithBeforeRequest(func(request *http.Request) error {
				request.Header.Set("X-Team", "imaging")
				return nil
			}),
			gettyimages.WithAfterResponse(func(response *http.Response) error {
				note(fmt.Sprintf("%d %s", response.StatusCode, response.Request.URL.Path))
				return nil
			}),
			gettyimages.WithOnError(func(err error) { note(errorName(err)) }),
		)
	}
	client, err := gettyimages.New(options...)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	var results []result
	for _, s := range cmd.Steps {
		time.Sleep(time.Duration(s.SleepMs) * time.Millisecond)
		count := s.Parallel
		if count == 0 {
			count = 1
		}
		batch := make([]result, count)
		var wg sync.WaitGroup
		for i := range batch {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				batch[i] = call(client, s)
			}(i)
		}
		wg.Wait()
		results = append(results, batch...)
	}
	out := map[string]any{"results": results, "log": log, "printed": fmt.Sprintf("%+v %#v", client, client)}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}

func call(client *gettyimages.Client, s step) result {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var value string
	var err error
	switch s.Call {
	case "GetDownloads":
		_, err = client.Images.GetDownloads(ctx, nil)
	case "PostDownloads":
		_, err = client.Images.PostDownloads(ctx, s.Args[0], nil)
	case "PostDownloadsToFile":
		value, err = client.Images.PostDownloadsToFile(ctx, s.Args[0], s.Args[1], gettyimages.SaveOptions{}, nil)
	default:
		err = fmt.Errorf("no call %q", s.Call)
	}
	if err == nil {
		return result{OK: true, Value: value}
	}
	f := &failure{Name: errorName(err), Message: err.Error(), Printed: fmt.Sprintf("%v %+v %#v", err, err, err)}
	var auth *gettyimages.AuthenticationError
	var token *gettyimages.TokenError
	var status *gettyimages.APIError
	f.Authentication = errors.As(err, &auth)
	if f.Token = errors.As(err, &token); f.Token {
		f.Code, f.Description = token.ErrorCode, token.ErrorDescription
	}
	if errors.As(err, &status) {
		f.Status = status.StatusCode
	}
	return result{Error: f}
}

func errorName(err error) string {
	var token *gettyimages.TokenError
	var notFound *gettyimages.NotFoundError
	var auth *gettyimages.AuthenticationError
	switch {
	case errors.As(err, &token):
		return "TokenError"
	case errors.As(err, &notFound):
		return "NotFoundError"
	case errors.As(err, &auth):
		return "AuthenticationError"
	}
	return fmt.Sprintf("%T", err)
}
