// Command flowdriver plays the Go client's side of the download flows in
// tests/flows: one case per run, against the loopback servers the test set up.
//
//	flowdriver CASE API_URL TARGET [STALL_SECONDS]
//
// It prints one JSON line: the case's result, the typed errors the error
// matches (through each package's exported aliases, with errors.As), the
// error's text, how long the call took, and the process's peak resident
// memory (VmHWM) before and after the call.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	gettyimages "getty_images"
	scenarioassets "scenario_assets"
	toolkitimages "toolkit_images"
	topazimages "topaz_images"
)

const clientTimeout = 5 * time.Second

type outcome struct {
	Result    any      `json:"result"`
	Errors    []string `json:"errors"`
	Message   string   `json:"message"`
	Seconds   float64  `json:"seconds"`
	HWMBefore int64    `json:"hwm_before"`
	HWMAfter  int64    `json:"hwm_after"`
}

func main() {
	if len(os.Args) < 4 {
		fmt.Fprintln(os.Stderr, "usage: flowdriver CASE API_URL TARGET [STALL_SECONDS]")
		os.Exit(2)
	}
	name, api, target := os.Args[1], os.Args[2], os.Args[3]
	stall := time.Duration(0)
	if len(os.Args) > 4 {
		seconds, err := strconv.ParseFloat(os.Args[4], 64)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		stall = time.Duration(seconds * float64(time.Second))
	}
	run, found := cases[name]
	if !found {
		fmt.Fprintln(os.Stderr, "no case", name)
		os.Exit(2)
	}
	var out outcome
	ctx := context.Background()
	out.HWMBefore = peakResident()
	started := time.Now()
	result, err := run(ctx, api, target, stall)
	out.Seconds = time.Since(started).Seconds()
	out.HWMAfter = peakResident()
	out.Result = result
	if err != nil {
		out.Message = err.Error()
		out.Errors = errorNames(err)
	}
	if err := json.NewEncoder(os.Stdout).Encode(out); err != nil {
		os.Exit(1)
	}
}

// peakResident is VmHWM from /proc/self/status, in bytes (-1 when unreadable).
func peakResident() int64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(data), "\n") {
		if fields := strings.Fields(line); len(fields) == 3 && fields[0] == "VmHWM:" && fields[2] == "kB" {
			kilobytes, err := strconv.ParseInt(fields[1], 10, 64)
			if err == nil {
				return kilobytes * 1024
			}
		}
	}
	return -1
}

type flowCase func(ctx context.Context, api, target string, stall time.Duration) (any, error)

var cases = map[string]flowCase{
	"topaz-presigned":    topazPresigned,
	"topaz-to-file":      topazToFile,
	"topaz-wait":         topazWait(5 * time.Second),
	"topaz-wait-timeout": topazWait(300 * time.Millisecond),
	"topaz-429":          topazGet,
	"getty-pages":        gettyPages,
	"getty-redirect":     gettyRedirect,
	"toolkit-to-file":    toolkitToFile,
	"scenario-job":       scenarioJob,
	"scenario-save":      scenarioSave,
}

// is reports whether err matches the error type T (errors.As).
func is[T error](err error) bool {
	var target T
	return errors.As(err, &target)
}

// errorNames names every typed error of the four packages that err matches.
func errorNames(err error) []string {
	checks := []struct {
		name  string
		match func(error) bool
	}{
		{"topaz.LinkExpiredError", is[*topazimages.LinkExpiredError]},
		{"topaz.NotReadyTimeoutError", is[*topazimages.NotReadyTimeoutError]},
		{"topaz.ConflictError", is[*topazimages.ConflictError]},
		{"topaz.RateLimitError", is[*topazimages.RateLimitError]},
		{"topaz.APIError", is[*topazimages.APIError]},
		{"topaz.ConnectionError", is[*topazimages.ConnectionError]},
		{"getty.APIError", is[*gettyimages.APIError]},
		{"getty.DownloadError", is[*gettyimages.DownloadError]},
		{"getty.ConnectionError", is[*gettyimages.ConnectionError]},
		{"toolkit.DownloadError", is[*toolkitimages.DownloadError]},
		{"toolkit.ConnectionError", is[*toolkitimages.ConnectionError]},
		{"toolkit.FileExistsError", is[*toolkitimages.FileExistsError]},
		{"toolkit.APIError", is[*toolkitimages.APIError]},
		{"scenario.JobFailedError", is[*scenarioassets.JobFailedError]},
		{"scenario.JobTimeoutError", is[*scenarioassets.JobTimeoutError]},
		{"scenario.APIError", is[*scenarioassets.APIError]},
		{"scenario.DownloadError", is[*scenarioassets.DownloadError]},
	}
	names := []string{}
	for _, check := range checks {
		if check.match(err) {
			names = append(names, check.name)
		}
	}
	return names
}

// ---------------------------------------------------------------- Topaz

const processID = "00000000-0000-0000-0000-00000000002a"

func topaz(api string, stall time.Duration) (*topazimages.Client, error) {
	return topazimages.New(topazimages.WithAPIKey("topaz-secret"), topazimages.WithBaseURL(api),
		topazimages.WithTimeout(clientTimeout), topazimages.WithStallTimeout(stall))
}

func topazPresigned(ctx context.Context, api, _ string, stall time.Duration) (any, error) {
	client, err := topaz(api, stall)
	if err != nil {
		return nil, err
	}
	link, err := client.Download.GetDownloadOutput(ctx, processID)
	if err != nil {
		return nil, err
	}
	size, err := client.Download.GetDownloadOutputSize(ctx, processID)
	if err != nil {
		return nil, err
	}
	return map[string]any{"download_url": link.DownloadURL, "head_url": link.HeadURL, "expiry": link.Expiry, "size": size}, nil
}

func topazToFile(ctx context.Context, api, target string, stall time.Duration) (any, error) {
	client, err := topaz(api, stall)
	if err != nil {
		return nil, err
	}
	return client.Download.GetDownloadOutputToFile(ctx, processID, target, topazimages.SaveOptions{})
}

func topazWait(timeout time.Duration) flowCase {
	return func(ctx context.Context, api, _ string, stall time.Duration) (any, error) {
		client, err := topaz(api, stall)
		if err != nil {
			return nil, err
		}
		wait := topazimages.WaitOptions{Timeout: timeout, PollInterval: 50 * time.Millisecond}
		link, err := client.Download.WaitForDownloadOutput(ctx, processID, wait)
		if err != nil {
			return nil, err
		}
		return link.DownloadURL, nil
	}
}

func topazGet(ctx context.Context, api, _ string, stall time.Duration) (any, error) {
	client, err := topaz(api, stall)
	if err != nil {
		return nil, err
	}
	link, err := client.Download.GetDownloadOutput(ctx, processID)
	if err != nil {
		return nil, err
	}
	return link.DownloadURL, nil
}

// ---------------------------------------------------------------- Getty

func getty(api string, stall time.Duration) (*gettyimages.Client, error) {
	return gettyimages.New(gettyimages.WithAPIKey("getty-key"), gettyimages.WithAccessToken("getty-token"),
		gettyimages.WithBaseURL(api), gettyimages.WithTimeout(clientTimeout), gettyimages.WithStallTimeout(stall))
}

func gettyPages(ctx context.Context, api, _ string, stall time.Duration) (any, error) {
	client, err := getty(api, stall)
	if err != nil {
		return nil, err
	}
	size, product := int64(2), "imagepack"
	items, err := client.Images.IterDownloads(&gettyimages.GetDownloadsParams{PageSize: &size, ProductType: &product}).All(ctx)
	if err != nil {
		return nil, err
	}
	ids := []string{}
	for _, item := range items {
		if item.ID != nil {
			ids = append(ids, *item.ID)
		}
	}
	return ids, nil
}

func gettyRedirect(ctx context.Context, api, target string, stall time.Duration) (any, error) {
	client, err := getty(api, stall)
	if err != nil {
		return nil, err
	}
	fileType, notes, code := "jpg", "for the brochure", "P-1"
	params := &gettyimages.PostDownloadsParams{FileType: &fileType, Body: &gettyimages.Holder{DownloadNotes: &notes, ProjectCode: &code}}
	return client.Images.PostDownloadsToFile(ctx, "12345", target, gettyimages.SaveOptions{}, params)
}

// ---------------------------------------------------------------- Toolkit

const objectName = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6.png"

func toolkitToFile(ctx context.Context, api, target string, stall time.Duration) (any, error) {
	client, err := toolkitimages.New(toolkitimages.WithAPIKey("toolkit-key"), toolkitimages.WithBaseURL(api),
		toolkitimages.WithTimeout(clientTimeout), toolkitimages.WithStallTimeout(stall))
	if err != nil {
		return nil, err
	}
	calls, last, total, ordered := 0, int64(0), int64(0), true
	progress := func(written, all int64) {
		ordered = ordered && written > last
		calls, last, total = calls+1, written, all
	}
	saved, err := client.Download.DownloadImageToFile(ctx, objectName, target, toolkitimages.SaveOptions{Progress: progress})
	if err != nil {
		return nil, err
	}
	return map[string]any{"path": saved, "progress_calls": calls, "last": last, "total": total, "ordered": ordered}, nil
}

// ---------------------------------------------------------------- Scenario

func scenarioStart(ctx context.Context, api string, stall time.Duration) (*scenarioassets.Client, string, func(context.Context, scenarioassets.WaitOptions) (string, error), func(context.Context, string, scenarioassets.WaitOptions) (string, error), error) {
	client, err := scenarioassets.New(scenarioassets.WithAPIKeyAndAPISecret("scenario-key", "scenario-secret"),
		scenarioassets.WithBaseURL(api), scenarioassets.WithTimeout(clientTimeout), scenarioassets.WithStallTimeout(stall))
	if err != nil {
		return nil, "", nil, nil, err
	}
	flat := true
	job, err := client.Download.RequestBatchDownloadJob(ctx, &scenarioassets.RequestBatchDownloadParams{
		Options: &scenarioassets.DownloadOptions{FileNameTemplate: "{seed}", Flat: &flat},
		Query:   &scenarioassets.DownloadQuery{AssetIds: []string{"asset_1", "asset_2"}, InferenceIds: []string{}, ModelIds: []string{}},
	})
	if err != nil {
		return nil, "", nil, nil, err
	}
	save := func(ctx context.Context, path string, wait scenarioassets.WaitOptions) (string, error) {
		return job.Save(ctx, path, wait, scenarioassets.SaveOptions{})
	}
	return client, job.ID, job.Wait, save, nil
}

var quickWait = scenarioassets.WaitOptions{Timeout: 5 * time.Second, PollInterval: 50 * time.Millisecond}

func scenarioJob(ctx context.Context, api, target string, stall time.Duration) (any, error) {
	_, id, wait, save, err := scenarioStart(ctx, api, stall)
	if err != nil {
		return nil, err
	}
	url, err := wait(ctx, quickWait)
	if err != nil {
		return nil, err
	}
	saved, err := save(ctx, target, quickWait)
	if err != nil {
		return nil, err
	}
	return map[string]any{"job_id": id, "url": url, "path": saved}, nil
}

func scenarioSave(ctx context.Context, api, target string, stall time.Duration) (any, error) {
	_, _, _, save, err := scenarioStart(ctx, api, stall)
	if err != nil {
		return nil, err
	}
	saved, err := save(ctx, target, quickWait)
	var failed *scenarioassets.JobFailedError
	if errors.As(err, &failed) {
		return map[string]any{"job_id": failed.JobID, "status": failed.Status}, err
	}
	return saved, err
}
