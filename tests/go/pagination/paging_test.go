package paging_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"paging"
)

const key = "k-123"

// api is a loopback server answering every list of the pagination spec, recording each request.
type api struct {
	*httptest.Server
	mu       sync.Mutex
	requests []string
}

func (a *api) record(r *http.Request) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.requests = append(a.requests, r.URL.RequestURI()+" key="+r.Header.Get("X-API-Key"))
}

func (a *api) seen() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.requests...)
}

func start(t *testing.T, handler func(w http.ResponseWriter, r *http.Request)) (*api, *paging.Client) {
	t.Helper()
	a := &api{}
	a.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.record(r)
		w.Header().Set("Content-Type", "application/json")
		handler(w, r)
	}))
	t.Cleanup(a.Close)
	client, err := paging.New(paging.WithBaseURL(a.URL), paging.WithAPIKey(key), paging.WithRetryPolicy(paging.NoRetry()))
	if err != nil {
		t.Fatal(err)
	}
	return a, client
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func ids(items []paging.Photo) string {
	var out []string
	for _, item := range items {
		out = append(out, item.ID)
	}
	return strings.Join(out, ",")
}

func photos(names ...string) string {
	var out []string
	for _, name := range names {
		out = append(out, fmt.Sprintf(`{"id":%q}`, name))
	}
	return "[" + strings.Join(out, ",") + "]"
}

func TestCursorFromTheLastItemWhileHasMore(t *testing.T) {
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("starting_after") {
		case "":
			fmt.Fprintf(w, `{"data":%s,"has_more":true}`, photos("a", "b"))
		case "b":
			fmt.Fprintf(w, `{"data":%s,"has_more":true}`, photos("c"))
		default:
			fmt.Fprintf(w, `{"data":%s,"has_more":false}`, photos("d"))
		}
	})
	limit := int64(2)
	items, err := client.Photos.IterListAfter(&paging.ListAfterParams{Limit: &limit}).All(ctx(t))
	want := []string{"/stripe?limit=2 key=" + key, "/stripe?starting_after=b&limit=2 key=" + key, "/stripe?starting_after=c&limit=2 key=" + key}
	if err != nil || ids(items) != "a,b,c,d" || strings.Join(a.seen(), "\n") != strings.Join(want, "\n") {
		t.Fatalf("items %s, error %v, requests %q", ids(items), err, a.seen())
	}
}

func TestNextTokenGoesOnPastAnEmptyPage(t *testing.T) {
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("next_token") {
		case "":
			fmt.Fprintf(w, `{"photos":%s,"next_token":"t1"}`, photos("a"))
		case "t1":
			_, _ = w.Write([]byte(`{"photos":[],"next_token":"t2"}`))
		default:
			fmt.Fprintf(w, `{"photos":%s,"next_token":null}`, photos("b"))
		}
	})
	items, err := client.Photos.IterListByToken(nil).All(ctx(t))
	if err != nil || ids(items) != "a,b" || len(a.seen()) != 3 {
		t.Fatalf("items %s, error %v, requests %q", ids(items), err, a.seen())
	}
}

func TestARepeatedCursorStops(t *testing.T) {
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprintf(w, `{"photos":%s,"next_token":"again"}`, photos("x"))
	})
	pager := client.Photos.IterListByToken(nil)
	var items []paging.Photo
	for pager.Next(ctx(t)) {
		items = append(items, pager.Item())
	}
	var refused *paging.PaginationError
	if !errors.As(pager.Err(), &refused) || len(items) != 2 || len(a.seen()) != 2 {
		t.Fatalf("items %s, error %v, requests %q", ids(items), pager.Err(), a.seen())
	}
}

func TestNextURLInTheBodyRelativeAndAbsolute(t *testing.T) {
	var base string
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("cursor") {
		case "":
			fmt.Fprintf(w, `{"results":%s,"links":{"next":"linked?cursor=2&size=5"}}`, photos("a"))
		case "2":
			fmt.Fprintf(w, `{"results":%s,"links":{"next":%q}}`, photos("b"), base+"/linked?cursor=3&size=5")
		default:
			fmt.Fprintf(w, `{"results":%s,"links":{"next":null}}`, photos("c"))
		}
	})
	base = a.URL
	size := int64(5)
	items, err := client.Photos.IterListByNextURL(&paging.ListByNextURLParams{Size: &size}).All(ctx(t))
	want := []string{"/linked?size=5 key=" + key, "/linked?cursor=2&size=5 key=" + key, "/linked?cursor=3&size=5 key=" + key}
	if err != nil || ids(items) != "a,b,c" || strings.Join(a.seen(), "\n") != strings.Join(want, "\n") {
		t.Fatalf("items %s, error %v, requests %q", ids(items), err, a.seen())
	}
}

func TestLinkHeaderWithQuotedParametersAndSeveralRels(t *testing.T) {
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page < 2 {
			w.Header().Add("Link", `<https://elsewhere.example/last>; rel="last"; title="a, <b>; c"`)
			w.Header().Add("Link", fmt.Sprintf(`<photos?page=%d&per_page=1>; title="x;y"; Rel="prev NEXT"`, page+1))
		}
		fmt.Fprint(w, photos("p"+strconv.Itoa(page)))
	})
	items, err := client.Photos.IterListByLinkHeader("holiday trip", nil).All(ctx(t))
	want := []string{
		"/albums/holiday%20trip/photos key=" + key,
		"/albums/holiday%20trip/photos?page=1&per_page=1 key=" + key,
		"/albums/holiday%20trip/photos?page=2&per_page=1 key=" + key,
	}
	if err != nil || ids(items) != "p0,p1,p2" || strings.Join(a.seen(), "\n") != strings.Join(want, "\n") {
		t.Fatalf("items %s, error %v, requests %q", ids(items), err, a.seen())
	}
}

func TestANextLinkOnAnotherHostIsRefusedBeforeSending(t *testing.T) {
	var mu sync.Mutex
	var stolen []string
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		stolen = append(stolen, r.Header.Get("X-API-Key"))
		mu.Unlock()
		fmt.Fprint(w, "[]")
	}))
	defer other.Close()
	a, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "<"+other.URL+`/steal>; rel="next"`)
		fmt.Fprint(w, photos("a"))
	})
	items, err := client.Photos.IterListByLinkHeader("x", nil).All(ctx(t))
	var refused *paging.PaginationError
	mu.Lock()
	defer mu.Unlock()
	if !errors.As(err, &refused) || ids(items) != "a" || len(a.seen()) != 1 || len(stolen) != 0 {
		t.Fatalf("items %s, error %v, requests %q, elsewhere %q", ids(items), err, a.seen(), stolen)
	}
	if strings.Contains(err.Error(), key) {
		t.Fatalf("the error shows the key: %v", err)
	}
}

func TestPageAndOffsetPagersStillEnd(t *testing.T) {
	_, client := start(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/pages") {
			page := r.URL.Query().Get("page")
			if page == "1" {
				fmt.Fprintf(w, `{"photos":%s,"total":3}`, photos("a", "b"))
			} else {
				fmt.Fprintf(w, `{"photos":%s,"total":3}`, photos("c"))
			}
			return
		}
		offset, _ := strconv.Atoi(r.URL.Query().Get("offset"))
		if offset < 4 {
			fmt.Fprint(w, `{"photos":`+photos(strconv.Itoa(offset), strconv.Itoa(offset+1))+`}`)
			return
		}
		fmt.Fprint(w, `{"photos":[]}`)
	})
	pages, err := client.Photos.IterListByPage(nil).All(ctx(t))
	if err != nil || ids(pages) != "a,b,c" {
		t.Fatalf("pages: %s, %v", ids(pages), err)
	}
	offsets, err := client.Photos.IterListByOffset(nil).All(ctx(t))
	if err != nil || ids(offsets) != "0,1,2,3" {
		t.Fatalf("offsets: %s, %v", ids(offsets), err)
	}
}
