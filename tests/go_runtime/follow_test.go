package apicoretest

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"apicoretest/apicore"
)

type photo struct {
	ID string `json:"id"`
}

type photoPage struct {
	Data    []photo `json:"data"`
	HasMore bool    `json:"has_more"`
	Next    *string `json:"next,omitempty"`
}

// followPages is a pager over core whose request carries the API key in the query
// (so a next link must keep getting it) and the cursor, if any, as "after".
func followPages(core *apicore.Transport, follow apicore.Follow, list bool) *apicore.Pager[photo] {
	return apicore.NewFollowPager(func(ctx context.Context, cursor, next string) ([]photo, *apicore.Response, error) {
		request := &apicore.Request{Method: "GET", Path: "/photos", Query: []apicore.QueryParam{{Name: "limit", Value: "2"}}}
		if cursor != "" {
			request.Query = append(request.Query, apicore.QueryParam{Name: "after", Value: cursor})
		}
		request.URL = next
		response, err := core.Do(ctx, request, apicore.WithExtraHeader("X-Key", secret))
		if err != nil {
			return nil, nil, err
		}
		if list {
			items, err := apicore.DecodeJSON[[]photo](response)
			return items, response, err
		}
		page, err := apicore.DecodeJSON[photoPage](response)
		return page.Data, response, err
	}, follow)
}

func ids(items []photo) string {
	var out []string
	for _, item := range items {
		out = append(out, item.ID)
	}
	return strings.Join(out, ",")
}

func TestFollowLastItemCursorWhileHasMore(t *testing.T) {
	var afters []string
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		after := r.URL.Query().Get("after")
		afters = append(afters, after)
		pages := map[string]photoPage{
			"":  {Data: []photo{{"a"}, {"b"}}, HasMore: true},
			"b": {Data: []photo{{"c"}, {"d"}}, HasMore: true},
			"d": {Data: []photo{{"e"}}, HasMore: false},
		}
		_ = json.NewEncoder(w).Encode(pages[after])
	})
	follow := apicore.Follow{Kind: apicore.FollowCursor, Items: []string{"data"}, LastItem: "id", HasMore: []string{"has_more"}}
	items, err := followPages(transport(t, s.URL), follow, false).All(background(t))
	if err != nil || ids(items) != "a,b,c,d,e" || strings.Join(afters, "|") != "|b|d" {
		t.Fatalf("items %v, afters %q, error %v", ids(items), afters, err)
	}
}

func TestFollowNextTokenGoesOnPastAnEmptyPageAndStopsWithoutOne(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		switch r.URL.Query().Get("after") {
		case "":
			_, _ = w.Write([]byte(`{"data":[{"id":"a"}],"meta":{"token":"t1"}}`))
		case "t1":
			_, _ = w.Write([]byte(`{"data":[],"meta":{"token":7}}`))
		case "7":
			_, _ = w.Write([]byte(`{"data":[{"id":"b"}],"meta":{"token":null}}`))
		default:
			w.WriteHeader(http.StatusTeapot)
		}
	})
	follow := apicore.Follow{Kind: apicore.FollowCursor, Items: []string{"data"}, NextCursor: []string{"meta", "token"}}
	items, err := followPages(transport(t, s.URL), follow, false).All(background(t))
	if err != nil || ids(items) != "a,b" || s.count() != 3 {
		t.Fatalf("items %v, error %v, %d requests", ids(items), err, s.count())
	}
}

func TestFollowHasMoreFalseEndsEvenWithACursor(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_, _ = w.Write([]byte(`{"data":[{"id":"a"}],"has_more":false,"next":"n"}`))
	})
	follow := apicore.Follow{Kind: apicore.FollowCursor, Items: []string{"data"}, NextCursor: []string{"next"}, HasMore: []string{"has_more"}}
	items, err := followPages(transport(t, s.URL), follow, false).All(background(t))
	if err != nil || ids(items) != "a" || s.count() != 1 {
		t.Fatalf("items %v, error %v, %d requests", ids(items), err, s.count())
	}
}

func TestFollowARepeatedCursorIsAPaginationError(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_, _ = w.Write([]byte(`{"data":[{"id":"a"}],"next":"same"}`))
	})
	follow := apicore.Follow{Kind: apicore.FollowCursor, Items: []string{"data"}, NextCursor: []string{"next"}}
	items, err := followPages(transport(t, s.URL), follow, false).All(background(t))
	var refused *apicore.PaginationError
	if !errors.As(err, &refused) || refused.Next != "same" || len(items) != 2 || s.count() != 2 {
		t.Fatalf("items %v, error %v, %d requests", ids(items), err, s.count())
	}
}

func TestFollowNextURLRelativeResolvedKeepsCredentialsAndRefusesARepeat(t *testing.T) {
	var seen []string
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		seen = append(seen, r.URL.RequestURI()+" key="+r.URL.Query().Get("api_key")+" header="+r.Header.Get("X-Key"))
		switch hit {
		case 1:
			_, _ = w.Write([]byte(`{"data":[{"id":"a"}],"links":{"next":"photos?page=2&limit=2"}}`))
		case 2:
			_, _ = w.Write([]byte(`{"data":[{"id":"b"}],"links":{"next":"/photos?page=3&limit=2#frag"}}`))
		default:
			_, _ = w.Write([]byte(`{"data":[{"id":"c"}],"links":{"next":"/photos?page=3&limit=2"}}`))
		}
	})
	core := transport(t, s.URL+"/", apicore.WithAPIKey("key", "api_key", "query", secret))
	pager := apicore.NewFollowPager(func(ctx context.Context, cursor, next string) ([]photo, *apicore.Response, error) {
		request := &apicore.Request{Method: "GET", Path: "/photos", Query: []apicore.QueryParam{{Name: "limit", Value: "2"}}, Security: [][]string{{"key"}}, URL: next}
		response, err := core.Do(ctx, request, apicore.WithExtraHeader("X-Key", "k"))
		if err != nil {
			return nil, nil, err
		}
		page, err := apicore.DecodeJSON[struct {
			Data []photo `json:"data"`
		}](response)
		return page.Data, response, err
	}, apicore.Follow{Kind: apicore.FollowNextURL, Items: []string{"data"}, NextURL: []string{"links", "next"}})
	items, err := pager.All(background(t))
	var refused *apicore.PaginationError
	if !errors.As(err, &refused) || ids(items) != "a,b,c" || s.count() != 3 {
		t.Fatalf("items %v, error %v, %d requests", ids(items), err, s.count())
	}
	want := []string{
		"/photos?limit=2&api_key=" + secret + " key=" + secret + " header=k",
		"/photos?api_key=" + secret + "&limit=2&page=2 key=" + secret + " header=k",
		"/photos?api_key=" + secret + "&limit=2&page=3 key=" + secret + " header=k",
	}
	if strings.Join(seen, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests\n%s\nwant\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
}

func TestFollowANextLinkOffTheHostSendsNothing(t *testing.T) {
	var elsewhere int64
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atomic.AddInt64(&elsewhere, 1)
		_, _ = w.Write([]byte(`[]`))
	}))
	defer other.Close()
	for _, link := range []string{other.URL + "/photos", "https://{host}/photos", "http://{host}:1/photos", "ftp://{host}/photos", "//" + strings.TrimPrefix(other.URL, "http://") + "/x"} {
		s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
			if hit == 1 {
				w.Header().Set("Link", "<"+strings.ReplaceAll(link, "{host}", r.Host)+`>; rel="next"`)
			}
			_, _ = w.Write([]byte(`[{"id":"a"}]`))
		})
		core := transport(t, s.URL, apicore.WithAPIKey("key", "X-Key", "header", secret))
		items, err := followPages(core, apicore.Follow{Kind: apicore.FollowLink}, true).All(background(t))
		var refused *apicore.PaginationError
		if !errors.As(err, &refused) || ids(items) != "a" || s.count() != 1 || atomic.LoadInt64(&elsewhere) != 0 {
			t.Fatalf("%s: items %v, error %v, %d requests", link, ids(items), err, s.count())
		}
		if strings.Contains(err.Error(), secret) {
			t.Fatalf("the error shows the secret: %v", err)
		}
	}
}

func TestFollowLinkHeaderThreePagesOnTheSameOriginWithDefaultPort(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page < 3 {
			// several links, quoted parameters holding commas and semicolons, several rel values, any case
			w.Header().Add("Link", `<https://elsewhere.example/first>; rel="first"; title="a, b; c"`)
			w.Header().Add("Link", fmt.Sprintf(`</photos?page=%d>; title="x;y, z"; REL="Prev NEXT"`, page+1))
		}
		_, _ = w.Write([]byte(fmt.Sprintf(`[{"id":"p%d"}]`, page)))
	})
	items, err := followPages(transport(t, s.URL), apicore.Follow{Kind: apicore.FollowLink}, true).All(background(t))
	if err != nil || ids(items) != "p0,p1,p2,p3" || s.count() != 4 {
		t.Fatalf("items %v, error %v, %d requests", ids(items), err, s.count())
	}
}

func TestFollowStopsAfterMaxPages(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_, _ = w.Write([]byte(fmt.Sprintf(`{"data":[{"id":"x"}],"next":"c%d"}`, hit)))
	})
	follow := apicore.Follow{Kind: apicore.FollowCursor, Items: []string{"data"}, NextCursor: []string{"next"}}
	pager := followPages(transport(t, s.URL), follow, false)
	pager.MaxPages = 7
	items, err := pager.All(background(t))
	if err != nil || len(items) != 7 || s.count() != 7 {
		t.Fatalf("%d items, error %v, %d requests", len(items), err, s.count())
	}
	if apicore.MaxPages != 1000 {
		t.Fatalf("MaxPages %d", apicore.MaxPages)
	}
}

func TestParseLinks(t *testing.T) {
	cases := map[string]string{
		`<https://a/2>; rel="next"`:                                           "https://a/2",
		`<https://a/1>; rel=prev, <https://a/3>; rel=next`:                    "https://a/3",
		`<https://a/x>; title="rel=next, <https://evil/>"; rel="last"`:        "",
		`<https://a/y>; rel="next"; rel="last"`:                               "https://a/y",
		`<https://a/z>; rel="last"; rel="next"`:                               "",
		`< https://a/s >;rel="prefetch next"`:                                 "https://a/s",
		`<https://a/q>; title*=UTF-8'de'n%c3%a4chst; rel="NeXt"`:              "https://a/q",
		`garbage, <https://a/g>; junk; rel=next`:                              "https://a/g",
		`<https://a/u`:                                                        "",
		``:                                                                    "",
		`<https://a/e>; rel="next\"quoted"`:                                   "",
		`<https://a/w>; anchor="#x"; rel="alternate", <https://a/n>;rel=next`: "https://a/n",
	}
	for header, want := range cases {
		got, ok := apicore.NextLink(header)
		if got != want || ok != (want != "") {
			t.Errorf("NextLink(%q) = %q, %v; want %q", header, got, ok, want)
		}
	}
}

func TestSameOrigin(t *testing.T) {
	accepted := map[string]string{
		"https://api.example.com/v1": "https://API.example.com:443/v1/photos?page=2",
		"http://127.0.0.1:8080":      "http://127.0.0.1:8080/x",
	}
	for base, link := range accepted {
		if _, err := apicore.SameOrigin(base, link); err != nil {
			t.Errorf("%s %s: %v", base, link, err)
		}
	}
	refused := [][2]string{
		{"https://api.example.com", "http://api.example.com/x"},
		{"https://api.example.com", "https://api.example.com:8443/x"},
		{"https://api.example.com", "https://api.example.com.evil/x"},
		{"https://api.example.com", "/relative"},
		{"https://api.example.com", "https://user@evil.example/x"},
		{"https://api.example.com", "javascript:alert(1)"},
	}
	for _, pair := range refused {
		var refusedErr *apicore.PaginationError
		if _, err := apicore.SameOrigin(pair[0], pair[1]); !errors.As(err, &refusedErr) {
			t.Errorf("%s %s: %v", pair[0], pair[1], err)
		}
	}
}
