package apicoretest

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"apicoretest/apicore"
)

type history struct {
	Items []string `json:"items"`
	Total int      `json:"total"`
}

func TestPagerWalksThreePages(t *testing.T) {
	pages := map[string][]string{"1": {"a", "b"}, "2": {"c", "d"}, "3": {"e"}}
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		_ = json.NewEncoder(w).Encode(history{Items: pages[r.URL.Query().Get("page")], Total: 5})
	})
	core := transport(t, s.URL)
	fetch := func(ctx context.Context, page int) (apicore.Page[string], error) {
		request := &apicore.Request{Method: "GET", Path: "/history", Query: []apicore.QueryParam{{Name: "page", Value: strconv.Itoa(page)}, {Name: "page_size", Value: "2"}}}
		response, err := core.Do(ctx, request)
		if err != nil {
			return apicore.Page[string]{}, err
		}
		body, err := apicore.DecodeJSON[history](response)
		return apicore.Page[string]{Items: body.Items, Total: body.Total, HasTotal: true, PageSize: 2}, err
	}
	items, err := apicore.NewPager(fetch, 1, apicore.StepPage).All(background(t))
	if err != nil || len(items) != 5 || items[4] != "e" || s.count() != 3 {
		t.Fatalf("items %v, error %v, %d requests", items, err, s.count())
	}
}

func TestPagerByOffsetStopsAtAnEmptyPageAndIsBounded(t *testing.T) {
	var offsets []int
	fetch := func(ctx context.Context, offset int) (apicore.Page[int], error) {
		offsets = append(offsets, offset)
		if offset >= 6 {
			return apicore.Page[int]{}, nil
		}
		return apicore.Page[int]{Items: []int{offset, offset + 1, offset + 2}}, nil
	}
	pager := apicore.NewPager(fetch, 0, apicore.StepOffset)
	var items []int
	for pager.Next(background(t)) {
		items = append(items, pager.Item())
	}
	if pager.Err() != nil || len(items) != 6 || len(offsets) != 3 || offsets[2] != 6 {
		t.Fatalf("items %v, offsets %v, error %v", items, offsets, pager.Err())
	}
	endless := func(ctx context.Context, page int) (apicore.Page[int], error) {
		return apicore.Page[int]{Items: []int{page}}, nil
	}
	bounded := apicore.NewPager(endless, 1, apicore.StepPage)
	bounded.MaxPages = 50
	all, err := bounded.All(background(t))
	if err != nil || len(all) != 50 {
		t.Fatalf("a server that never ends gave %d items (%v)", len(all), err)
	}
}

func TestPagerReportsTheFetchError(t *testing.T) {
	s := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) { w.WriteHeader(http.StatusNotFound) })
	core := transport(t, s.URL)
	fetch := func(ctx context.Context, page int) (apicore.Page[string], error) {
		_, err := core.Do(ctx, get("/history"))
		return apicore.Page[string]{}, err
	}
	pager := apicore.NewPager(fetch, 1, apicore.StepPage)
	var missing *apicore.NotFoundError
	if pager.Next(background(t)) || !errors.As(pager.Err(), &missing) {
		t.Fatalf("want NotFoundError, got %v", pager.Err())
	}
}

type jobStatus struct {
	Status string `json:"status"`
	URL    string `json:"url"`
}

func jobServer(t *testing.T, states ...string) (*server, *server) {
	files := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		if r.Header.Get("Authorization") != "" {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		_, _ = w.Write([]byte("result"))
	})
	api := serve(t, func(w http.ResponseWriter, r *http.Request, hit int) {
		state := states[len(states)-1]
		if hit <= len(states) {
			state = states[hit-1]
		}
		status := jobStatus{Status: state}
		if state == "success" {
			status.URL = files.URL + "/result.png"
		}
		_ = json.NewEncoder(w).Encode(status)
	})
	return api, files
}

func newJob(t *testing.T, api *server) *apicore.Job[jobStatus] {
	core := transport(t, api.URL, apicore.WithBearerToken("token", secret))
	return &apicore.Job[jobStatus]{
		ID: "job-1",
		Poll: func(ctx context.Context) (jobStatus, error) {
			response, err := core.Do(ctx, &apicore.Request{Method: "GET", Path: "/jobs/job-1", Security: [][]string{{"token"}}})
			if err != nil {
				return jobStatus{}, err
			}
			return apicore.DecodeJSON[jobStatus](response)
		},
		StatusOf:  func(s jobStatus) string { return s.Status },
		URLOf:     func(s jobStatus) string { return s.URL },
		Succeeded: []string{"success"},
		Failed:    []string{"failure", "canceled"},
		Transport: core,
	}
}

func TestJobWaitsUntilSuccessAndSavesWithoutCredentials(t *testing.T) {
	api, files := jobServer(t, "queued", "in-progress", "success")
	job := newJob(t, api)
	folder := t.TempDir()
	saved, err := job.Save(background(t), folder, apicore.WaitOptions{PollInterval: 10 * time.Millisecond, Timeout: 5 * time.Second}, apicore.SaveOptions{})
	if err != nil || api.count() != 3 || files.count() != 1 {
		t.Fatalf("saved %q, error %v, %d polls", saved, err, api.count())
	}
}

func TestJobFailureAndTimeout(t *testing.T) {
	api, _ := jobServer(t, "queued", "failure")
	_, err := newJob(t, api).Wait(background(t), apicore.WaitOptions{PollInterval: 10 * time.Millisecond, Timeout: 5 * time.Second})
	var failed *apicore.JobFailedError
	if !errors.As(err, &failed) || failed.Status != "failure" || err.Error() != `job job-1 failed with status "failure"` {
		t.Fatalf("want JobFailedError, got %v", err)
	}
	api, _ = jobServer(t, "queued")
	started := time.Now()
	_, err = newJob(t, api).Wait(background(t), apicore.WaitOptions{PollInterval: 20 * time.Millisecond, MaxPollInterval: 80 * time.Millisecond, Timeout: 300 * time.Millisecond})
	var timeout *apicore.JobTimeoutError
	if !errors.As(err, &timeout) || timeout.Status != "queued" || time.Since(started) > 2*time.Second {
		t.Fatalf("want JobTimeoutError, got %v", err)
	}
	if polls := api.count(); polls > 12 {
		t.Fatalf("%d polls in 300 ms: the interval did not grow", polls)
	}
}
