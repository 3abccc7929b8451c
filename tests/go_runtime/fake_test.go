package apicoretest

import (
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
	"time"

	"apicoretest/apicore"
)

var fakeTable = []string{
	`{"name":"Images.Get","method":"GET","path":"/v1/images/{id}","status":200,"body":{"id":"i1","url":"https://files.example.test/a.bin"},"media_type":"application/json","binary":false}`,
	`{"name":"Images.List","method":"GET","path":"/v1/images","status":200,"body":{"items":[{"id":"i1"}],"total":1},"media_type":"application/json","binary":false,"paging":{"parameter":"page","first":1,"items":"items"}}`,
	`{"name":"Images.Raw","method":"GET","path":"/v1/images/{id}/raw","status":200,"body":null,"media_type":"image/png","binary":true}`,
	`{"name":"Images.Delete","method":"DELETE","path":"/v1/images/{id}","status":204,"body":null,"media_type":null,"binary":false}`,
}

func fakeTransport(t *testing.T) (*apicore.FakeAPI, *apicore.Transport) {
	fake := apicore.NewFakeAPI("https://api.example.test/base/", apicore.FakeOperations(fakeTable))
	core := transport(t, fake.BaseURL(), apicore.WithHTTPClient(fake.Client()), apicore.WithDownloadClient(fake.Client()), apicore.WithRetryPolicy(fastRetry(0)))
	return fake, core
}

func TestFakeAnswersExamplesRoutesAndRecords(t *testing.T) {
	fake, core := fakeTransport(t)
	ctx := background(t)
	got, err := core.Do(ctx, &apicore.Request{Method: "GET", Path: "/v1/images/{id}", PathParams: map[string]string{"id": "a b"}})
	if err != nil || string(got.Content) != `{"id":"i1","url":"https://files.example.test/a.bin"}` {
		t.Fatalf("%v %s", err, got.Content)
	}
	raw, err := core.Do(ctx, &apicore.Request{Method: "GET", Path: "/v1/images/{id}/raw", PathParams: map[string]string{"id": "x"}})
	if err != nil || string(raw.Content) != apicore.ExampleFile || raw.Header.Get("Content-Type") != "image/png" {
		t.Fatalf("%v %s", err, raw.Content)
	}
	if _, err := core.Do(ctx, &apicore.Request{Method: "DELETE", Path: "/v1/images/{id}", PathParams: map[string]string{"id": "x"}}); err != nil {
		t.Fatal(err)
	}
	var missing *apicore.NotFoundError
	if _, err := core.Do(ctx, get("/v2/none")); !errors.As(err, &missing) {
		t.Fatalf("want a 404, got %v", err)
	}
	second, err := core.Do(ctx, &apicore.Request{Method: "GET", Path: "/v1/images", Query: []apicore.QueryParam{{Name: "page", Value: "2"}}})
	if err != nil || string(second.Content) != `{"items":[],"total":1}` {
		t.Fatalf("%v %s", err, second.Content)
	}
	if len(fake.Calls("Images.Get")) != 1 || len(fake.Requests()) != 5 || fake.Calls("Images.Get")[0].URL.Path != "/base/v1/images/a b" {
		t.Fatalf("calls %v, %d requests", fake.Calls("Images.Get"), len(fake.Requests()))
	}
}

func TestFakeScriptsRepliesInTurnNotReadyAndJobs(t *testing.T) {
	fake, core := fakeTransport(t)
	ctx := background(t)
	call := func(ctx context.Context) (*apicore.Response, error) {
		return core.Do(ctx, &apicore.Request{Method: "GET", Path: "/v1/images/{id}", PathParams: map[string]string{"id": "1"}})
	}
	fake.NotReady("Images.Get", 2)
	out, err := apicore.WaitUntilReady(ctx, call, apicore.IsConflict, apicore.WaitOptions{Timeout: 5 * time.Second, PollInterval: time.Millisecond})
	if err != nil || len(fake.Calls("Images.Get")) != 3 || out.StatusCode != 200 {
		t.Fatalf("%v, %d calls", err, len(fake.Calls("Images.Get")))
	}
	fake.Job("Images.Get", map[string]any{"status": "running"}, map[string]any{"status": "done"}, 1)
	first, _ := call(ctx)
	second, _ := call(ctx)
	third, _ := call(ctx)
	if string(first.Content) != `{"status":"running"}` || string(second.Content) != `{"status":"done"}` || string(third.Content) != `{"status":"done"}` {
		t.Fatalf("%s %s %s", first.Content, second.Content, third.Content)
	}
	fake.Script("Images.Get", apicore.Reply{Answer: func(r *apicore.FakeRequest) apicore.Reply {
		return apicore.Reply{Status: 418, JSON: map[string]any{"message": r.URL.Path}}
	}})
	var status *apicore.APIError
	if _, err := call(ctx); !errors.As(err, &status) || status.StatusCode != 418 || status.Message != "/base/v1/images/1" {
		t.Fatalf("%v", err)
	}
}

func TestFakeServesFilesThatExpireAndCutBodies(t *testing.T) {
	fake, core := fakeTransport(t)
	now := time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)
	fake.Now = func() time.Time { return now }
	link := fake.ServeFile("https://files.example.test/a.bin", []byte("file bytes"), now.Add(time.Minute))
	response, err := core.DownloadClient().Get(link + "?X-Amz-Signature=1")
	if err != nil || response.StatusCode != 200 {
		t.Fatalf("%v", err)
	}
	data, _ := io.ReadAll(response.Body)
	if string(data) != "file bytes" {
		t.Fatalf("%q", data)
	}
	now = now.Add(time.Hour)
	expired, err := core.DownloadClient().Get(link)
	if err != nil || expired.StatusCode != http.StatusForbidden {
		t.Fatalf("%v %v", err, expired)
	}
	fake.Script("Images.Raw", apicore.Reply{Body: []byte("0123456789"), CutAfter: 4})
	download, err := core.Stream(background(t), &apicore.Request{Method: "GET", Path: "/v1/images/{id}/raw", PathParams: map[string]string{"id": "x"}})
	if err != nil {
		t.Fatal(err)
	}
	defer download.Close()
	part, err := io.ReadAll(download)
	if err == nil || string(part) != "0123" || download.Size() != 10 {
		t.Fatalf("read %q, %v, size %d", part, err, download.Size())
	}
}
