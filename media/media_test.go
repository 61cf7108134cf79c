package media_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

const fileJSON = `{"data":{"media_name":"greeting","content_type":"audio/mpeg","expires_at":"2020-01-23T18:10:02.574Z","created_at":"2019-01-23T18:10:02.574Z","updated_at":"2019-01-24T18:10:02.574Z","unknown_field":1}}`

var wantFile = &media.File{MediaName: "greeting", ContentType: "audio/mpeg", ExpiresAt: "2020-01-23T18:10:02.574Z",
	CreatedAt: "2019-01-23T18:10:02.574Z", UpdatedAt: "2019-01-24T18:10:02.574Z"}

// part is one decoded part of a multipart body.
type part struct {
	FileName    string
	ContentType string
	Data        string
}

// parseMultipart decodes a captured multipart/form-data request by the
// boundary of its Content-Type header.
func parseMultipart(t *testing.T, c testutil.Captured) map[string]part {
	t.Helper()
	mt, params, err := mime.ParseMediaType(c.Header.Get("Content-Type"))
	require.NoError(t, err)
	require.Equal(t, "multipart/form-data", mt)
	require.NotEmpty(t, params["boundary"])
	mr := multipart.NewReader(bytes.NewReader(c.Body), params["boundary"])
	parts := map[string]part{}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		data, err := io.ReadAll(p)
		require.NoError(t, err)
		_, dup := parts[p.FormName()]
		require.False(t, dup, "part %q sent twice", p.FormName())
		parts[p.FormName()] = part{FileName: p.FileName(), ContentType: p.Header.Get("Content-Type"), Data: string(data)}
	}
	return parts
}

// oneShot is a reader that cannot be rewound.
type oneShot struct{ r io.Reader }

func (o *oneShot) Read(p []byte) (int, error) { return o.r.Read(p) }

// sequence answers each request to method and path with the next of
// answers (the last one repeats) and records the requests.
func sequence(mock *httpmock.MockTransport, method, path string, answers ...func() (int, string)) *[]testutil.Captured {
	var seen []testutil.Captured
	mock.RegisterResponder(method, testutil.BaseURL+path, func(r *http.Request) (*http.Response, error) {
		b, _ := io.ReadAll(r.Body)
		seen = append(seen, testutil.Captured{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Header: r.Header.Clone(), Body: b})
		status, body := answers[min(len(seen), len(answers))-1]()
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		return resp, nil
	})
	return &seen
}

func answer(status int, body string) func() (int, string) {
	return func() (int, string) { return status, body }
}

func TestListEncodesContentTypeArrayAndPage(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/media", http.StatusOK,
		`{"data":[{"media_name":"a","content_type":"audio/mpeg"},{"media_name":"b","content_type":"audio/wav"}],"meta":{"page_number":2,"page_size":2,"total_pages":3,"total_results":6}}`)

	page, err := media.NewService(c).List(context.Background(), media.ListParams{
		Filter: &media.Filter{ContentType: []string{"audio/mpeg", "audio/wav"}},
		Page:   core.PageParams{Number: 2, Size: 2},
	})
	require.NoError(t, err)
	require.Len(t, *seen, 1)
	assert.Equal(t, map[string][]string{
		"filter[content_type][]": {"audio/mpeg", "audio/wav"},
		"page[number]":           {"2"},
		"page[size]":             {"2"},
	}, (*seen)[0].Query)
	assert.Equal(t, []media.File{{MediaName: "a", ContentType: "audio/mpeg"}, {MediaName: "b", ContentType: "audio/wav"}}, page.Data)
	assert.Equal(t, 3, page.Meta.TotalPages)
	assert.True(t, page.HasNext())
}

func TestListWithoutParamsSendsNoQuery(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/media", http.StatusOK, `{"data":[],"meta":{"page_number":1,"total_pages":0}}`)
	page, err := media.NewService(c).List(context.Background(), media.ListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.Empty(t, (*seen)[0].Query)
	assert.Equal(t, "/v2/media", (*seen)[0].Path)
}

func TestListAutoPagingWalksPagesAndStopsEarly(t *testing.T) {
	c, mock := testutil.NewClient(t)
	var pages []string
	mock.RegisterResponder(http.MethodGet, testutil.BaseURL+"/media", func(r *http.Request) (*http.Response, error) {
		n := r.URL.Query().Get("page[number]")
		if n == "" {
			n = "1"
		}
		pages = append(pages, n)
		assert.Equal(t, []string{"audio/mpeg"}, r.URL.Query()["filter[content_type][]"], "the filter must follow every page")
		return httpmock.NewStringResponse(http.StatusOK,
			`{"data":[{"media_name":"p`+n+`-1"},{"media_name":"p`+n+`-2"}],"meta":{"page_number":`+n+`,"page_size":2,"total_pages":3,"total_results":6}}`), nil
	})
	svc := media.NewService(c)
	params := media.ListParams{Filter: &media.Filter{ContentType: []string{"audio/mpeg"}}}

	var names []string
	for f, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		names = append(names, f.MediaName)
	}
	assert.Equal(t, []string{"p1-1", "p1-2", "p2-1", "p2-2", "p3-1", "p3-2"}, names)
	assert.Equal(t, []string{"1", "2", "3"}, pages)

	pages, names = nil, nil
	for f, err := range svc.ListAutoPaging(context.Background(), params) {
		require.NoError(t, err)
		names = append(names, f.MediaName)
		if len(names) == 3 {
			break
		}
	}
	assert.Equal(t, []string{"p1-1", "p1-2", "p2-1"}, names)
	assert.Equal(t, []string{"1", "2"}, pages, "breaking must stop fetching")
}

func TestUploadFromURLSendsJSON(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/media", http.StatusCreated, fileJSON)
	svc := media.NewService(c)

	got, err := svc.Upload(context.Background(), media.UploadParams{
		MediaURL: ptr("http://www.example.com/audio.mp3"), MediaName: ptr("greeting"), TTLSecs: ptr(86400),
	})
	require.NoError(t, err)
	assert.Equal(t, wantFile, got)
	require.Len(t, *seen, 1)
	req := (*seen)[0]
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"media_url":"http://www.example.com/audio.mp3","media_name":"greeting","ttl_secs":86400}`, string(req.Body))

	_, err = svc.Upload(context.Background(), media.UploadParams{MediaURL: ptr("http://www.example.com/a.wav")})
	require.NoError(t, err)
	assert.JSONEq(t, `{"media_url":"http://www.example.com/a.wav"}`, string((*seen)[1].Body), "unset fields must be left out")
}

func TestUploadStreamsAnOSFileAsMultipart(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "greeting.mp3")
	content := "ID3\x03\x00fake mp3 bytes\x00\xff"
	require.NoError(t, os.WriteFile(name, []byte(content), 0o600))
	f, err := os.Open(name)
	require.NoError(t, err)
	defer f.Close()

	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPost, "/media", http.StatusCreated, fileJSON)
	got, err := media.NewService(c).Upload(context.Background(), media.UploadParams{File: f, MediaName: ptr("greeting"), TTLSecs: ptr(3600)})
	require.NoError(t, err)
	assert.Equal(t, wantFile, got)
	require.Len(t, *seen, 1)
	assert.Equal(t, map[string]part{
		"media":      {FileName: "greeting.mp3", ContentType: "audio/mpeg", Data: content},
		"media_name": {Data: "greeting"},
		"ttl_secs":   {Data: "3600"},
	}, parseMultipart(t, (*seen)[0]))
}

func TestUploadPartNameAndType(t *testing.T) {
	dir := t.TempDir()
	osFile := filepath.Join(dir, "upload-123.tmp")
	require.NoError(t, os.WriteFile(osFile, []byte("x"), 0o600))
	f, err := os.Open(osFile)
	require.NoError(t, err)
	defer f.Close()

	cases := []struct {
		name         string
		params       media.UploadParams
		wantFileName string
		wantType     string
	}{
		{"plain reader", media.UploadParams{File: &oneShot{strings.NewReader("x")}}, "media", "application/octet-stream"},
		{"name from params", media.UploadParams{File: strings.NewReader("x"), FileName: "doc.json"}, "doc.json", "application/json"},
		{"wav by extension", media.UploadParams{File: strings.NewReader("x"), FileName: "50%.WAV"}, "50%.WAV", "audio/wav"},
		{"explicit type wins", media.UploadParams{File: strings.NewReader("x"), FileName: "a.mp3", ContentType: "audio/x-custom"}, "a.mp3", "audio/x-custom"},
		{"os file name without a known extension", media.UploadParams{File: f}, "upload-123.tmp", "application/octet-stream"},
		{"explicit name wins over the reader's", media.UploadParams{File: f, FileName: "greeting.mp3"}, "greeting.mp3", "audio/mpeg"},
		{"quotes in name", media.UploadParams{File: strings.NewReader("x"), FileName: `say "hi".png`}, `say "hi".png`, "image/png"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.Seek(0, io.SeekStart)
			require.NoError(t, err)
			c, mock := testutil.NewClient(t)
			seen := testutil.Respond(mock, http.MethodPost, "/media", http.StatusCreated, fileJSON)
			_, err = media.NewService(c).Upload(context.Background(), tc.params)
			require.NoError(t, err)
			require.Len(t, *seen, 1)
			parts := parseMultipart(t, (*seen)[0])
			assert.Equal(t, map[string]part{"media": {FileName: tc.wantFileName, ContentType: tc.wantType, Data: "x"}}, parts)
		})
	}
}

func TestUpdateSendsJSONOrMultipart(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodPut, "/media/greeting", http.StatusOK, fileJSON)
	svc := media.NewService(c)
	ctx := context.Background()

	got, err := svc.Update(ctx, "greeting", media.UpdateParams{TTLSecs: ptr(media.MaxTTLSecs)})
	require.NoError(t, err)
	assert.Equal(t, wantFile, got)
	_, err = svc.Update(ctx, "greeting", media.UpdateParams{MediaURL: ptr("https://example.com/new.mp3")})
	require.NoError(t, err)
	_, err = svc.Update(ctx, "greeting", media.UpdateParams{File: bytes.NewReader([]byte("RIFF....WAVE")), FileName: "new.wav", TTLSecs: ptr(60)})
	require.NoError(t, err)

	require.Len(t, *seen, 3)
	assert.JSONEq(t, `{"ttl_secs":630720000}`, string((*seen)[0].Body))
	assert.JSONEq(t, `{"media_url":"https://example.com/new.mp3"}`, string((*seen)[1].Body))
	assert.Equal(t, map[string]part{
		"media":    {FileName: "new.wav", ContentType: "audio/wav", Data: "RIFF....WAVE"},
		"ttl_secs": {Data: "60"},
	}, parseMultipart(t, (*seen)[2]))
}

func TestNamesAreEscapedAsOneSegment(t *testing.T) {
	cases := map[string]string{
		"greeting#2.mp3":     "greeting%232.mp3",
		"50%.wav":            "50%25.wav",
		"a/../../recordings": "a%2F..%2F..%2Frecordings",
		"what?.mp3":          "what%3F.mp3",
	}
	for name, escaped := range cases {
		t.Run(name, func(t *testing.T) {
			c, mock := testutil.NewClient(t)
			svc := media.NewService(c)
			ctx := context.Background()
			get := testutil.Respond(mock, http.MethodGet, "/media/"+escaped, http.StatusOK, fileJSON)
			put := testutil.Respond(mock, http.MethodPut, "/media/"+escaped, http.StatusOK, fileJSON)
			del := testutil.Respond(mock, http.MethodDelete, "/media/"+escaped, http.StatusNoContent, "")
			dl := testutil.Respond(mock, http.MethodGet, "/media/"+escaped+"/download", http.StatusOK, "bytes")

			_, err := svc.Get(ctx, name)
			require.NoError(t, err)
			_, err = svc.Update(ctx, name, media.UpdateParams{TTLSecs: ptr(10)})
			require.NoError(t, err)
			require.NoError(t, svc.Delete(ctx, name))
			d, err := svc.Download(ctx, name)
			require.NoError(t, err)
			require.NoError(t, d.Close())

			for _, seen := range []*[]testutil.Captured{get, put, del} {
				require.Len(t, *seen, 1)
				assert.Equal(t, "/v2/media/"+escaped, (*seen)[0].Path)
			}
			require.Len(t, *dl, 1)
			assert.Equal(t, "/v2/media/"+escaped+"/download", (*dl)[0].Path)
			assert.Equal(t, 4, mock.GetTotalCallCount())
		})
	}
}

func TestValidationHappensBeforeSending(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := media.NewService(c)
	ctx := context.Background()
	file := func() io.Reader { return strings.NewReader("x") }
	upload := func(p media.UploadParams) func() error {
		return func() error { _, err := svc.Upload(ctx, p); return err }
	}
	update := func(name string, p media.UpdateParams) func() error {
		return func() error { _, err := svc.Update(ctx, name, p); return err }
	}
	cases := []struct {
		field string
		call  func() error
	}{
		{"media_url", upload(media.UploadParams{})},
		{"media_url", upload(media.UploadParams{MediaName: ptr("n"), TTLSecs: ptr(5)})},
		{"media_url", upload(media.UploadParams{MediaURL: ptr("")})},
		{"media", upload(media.UploadParams{MediaURL: ptr("https://e.com/a.mp3"), File: file()})},
		{"ttl_secs", upload(media.UploadParams{MediaURL: ptr("https://e.com/a.mp3"), TTLSecs: ptr(0)})},
		{"ttl_secs", upload(media.UploadParams{File: file(), TTLSecs: ptr(media.MaxTTLSecs + 1)})},
		{"media_name", upload(media.UploadParams{File: file(), MediaName: ptr("")})},
		{"media", upload(media.UploadParams{File: (*os.File)(nil)})},
		{"media", update("n", media.UpdateParams{File: (*bytes.Reader)(nil)})},
		{"media_url", update("n", media.UpdateParams{})},
		{"media_url", update("n", media.UpdateParams{MediaURL: ptr("")})},
		{"media", update("n", media.UpdateParams{MediaURL: ptr("https://e.com/a.mp3"), File: file()})},
		{"ttl_secs", update("n", media.UpdateParams{TTLSecs: ptr(-1)})},
		{"ttl_secs", update("n", media.UpdateParams{File: file(), TTLSecs: ptr(media.MaxTTLSecs + 1)})},
		{"media_name", update("", media.UpdateParams{TTLSecs: ptr(1)})},
		{"media_name", update("..", media.UpdateParams{TTLSecs: ptr(1)})},
		{"media_name", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"media_name", func() error { _, err := svc.Get(ctx, "."); return err }},
		{"media_name", func() error { return svc.Delete(ctx, "") }},
		{"media_name", func() error { return svc.Delete(ctx, "..") }},
		{"media_name", func() error { _, err := svc.Download(ctx, ""); return err }},
		{"media_name", func() error { _, err := svc.Download(ctx, ".."); return err }},
		{"filter[content_type]", func() error {
			_, err := svc.List(ctx, media.ListParams{Filter: &media.Filter{ContentType: []string{"audio/mpeg", " "}}})
			return err
		}},
		{"page[size]", func() error { _, err := svc.List(ctx, media.ListParams{Page: core.PageParams{Size: 251}}); return err }},
		{"page[number]", func() error {
			for _, err := range svc.ListAutoPaging(ctx, media.ListParams{Page: core.PageParams{Number: -1}}) {
				return err
			}
			return nil
		}},
	}
	for _, tc := range cases {
		err := tc.call()
		testutil.RequireInvalid(t, err, tc.field)
	}
	assert.Zero(t, mock.GetTotalCallCount(), "nothing may be sent")
}

func TestOneShotReaderIsNotRetried(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := sequence(mock, http.MethodPut, "/media/greeting", answer(http.StatusServiceUnavailable, `{"errors":[{"code":"10011","title":"Service unavailable"}]}`))

	_, err := media.NewService(c).Update(context.Background(), "greeting", media.UpdateParams{File: &oneShot{strings.NewReader("once")}, FileName: "a.mp3"})
	require.ErrorIs(t, err, core.ErrServer)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusServiceUnavailable, apiErr.StatusCode)
	require.Len(t, *seen, 1, "a reader that cannot be rewound must be sent once")
	assert.Equal(t, "once", parseMultipart(t, (*seen)[0])["media"].Data)
}

func TestSeekableFileIsReplayedOnRetry(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := sequence(mock, http.MethodPut, "/media/greeting",
		answer(http.StatusServiceUnavailable, `{"errors":[{"code":"10011","title":"Service unavailable"}]}`),
		answer(http.StatusServiceUnavailable, ``),
		answer(http.StatusOK, fileJSON))

	content := bytes.Repeat([]byte("0123456789abcdef"), 4096)
	r := bytes.NewReader(append([]byte("HEADER"), content...))
	_, err := r.Seek(6, io.SeekStart) // the upload starts where the reader stands
	require.NoError(t, err)
	got, err := media.NewService(c).Update(context.Background(), "greeting", media.UpdateParams{File: r, FileName: "a.mp3", TTLSecs: ptr(60)})
	require.NoError(t, err)
	assert.Equal(t, wantFile, got)
	require.Len(t, *seen, 3)
	want := map[string]part{
		"media":    {FileName: "a.mp3", ContentType: "audio/mpeg", Data: string(content)},
		"ttl_secs": {Data: "60"},
	}
	for i, req := range *seen {
		assert.Equal(t, want, parseMultipart(t, req), "attempt %d", i+1)
	}
}

func TestUploadIsNotRetriedByDefault(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := sequence(mock, http.MethodPost, "/media", answer(http.StatusServiceUnavailable, ``))
	_, err := media.NewService(c).Upload(context.Background(), media.UploadParams{File: bytes.NewReader([]byte("x"))})
	require.ErrorIs(t, err, core.ErrServer)
	assert.Len(t, *seen, 1, "a POST may have created the file: it is not repeated")
}

func TestUploadStreamsWithoutBuffering(t *testing.T) {
	gotFirst := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mr, err := r.MultipartReader()
		if !assert.NoError(t, err) {
			return
		}
		p, err := mr.NextPart()
		if !assert.NoError(t, err) {
			return
		}
		buf := make([]byte, 1024)
		_, err = io.ReadFull(p, buf)
		assert.NoError(t, err)
		close(gotFirst) // the rest of the file is produced only now
		n, err := io.Copy(io.Discard, p)
		assert.NoError(t, err)
		assert.Equal(t, int64(3<<20-1024), n)
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusCreated)
		_, _ = io.WriteString(w, fileJSON)
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	require.NoError(t, err)

	// The reader yields 1 KiB, then waits until the server has read it: a
	// client that buffered the file before sending would never finish.
	file := io.MultiReader(bytes.NewReader(make([]byte, 1024)), &gated{gate: gotFirst, r: io.LimitReader(zeros{}, 3<<20-1024)})
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	got, err := media.NewService(c).Upload(ctx, media.UploadParams{File: file})
	require.NoError(t, err)
	assert.Equal(t, "greeting", got.MediaName)
}

type gated struct {
	gate <-chan struct{}
	r    io.Reader
}

func (g *gated) Read(p []byte) (int, error) {
	select {
	case <-g.gate:
		return g.r.Read(p)
	case <-time.After(5 * time.Second):
		return 0, errors.New("the server never received the start of the file")
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

func TestDownloadStreamsTheBody(t *testing.T) {
	const size = 5 << 20
	clientReadFirst := make(chan struct{})
	var accept string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		accept = r.Header.Get("Accept")
		assert.Equal(t, "/media/greeting%232.mp3/download", r.URL.EscapedPath())
		w.Header().Set("Content-Type", "audio/mpeg")
		w.Header().Set("Content-Length", "5242880")
		chunk := bytes.Repeat([]byte{'a'}, 64<<10)
		_, _ = w.Write(chunk)
		w.(http.Flusher).Flush()
		// The rest is written only after the client has read the first chunk:
		// a Download that buffered the body would never return.
		select {
		case <-clientReadFirst:
		case <-time.After(10 * time.Second):
			return
		}
		for written := len(chunk); written < size; written += len(chunk) {
			clear(chunk)
			for i := range chunk {
				chunk[i] = byte('a' + (written/len(chunk))%26)
			}
			_, _ = w.Write(chunk)
		}
	}))
	defer srv.Close()
	c, err := core.NewClient(option.WithBaseURL(srv.URL), option.WithAPIKey("k"))
	require.NoError(t, err)

	d, err := media.NewService(c).Download(context.Background(), "greeting#2.mp3")
	require.NoError(t, err)
	defer d.Close()
	assert.Equal(t, "*/*", accept)
	assert.Equal(t, "audio/mpeg", d.ContentType)
	assert.Equal(t, int64(size), d.ContentLength)

	first := make([]byte, 64<<10)
	_, err = io.ReadFull(d, first)
	require.NoError(t, err)
	assert.Equal(t, bytes.Repeat([]byte{'a'}, 64<<10), first)
	close(clientReadFirst)

	total, chunks := len(first), 1
	buf := make([]byte, 64<<10)
	for {
		n, err := io.ReadFull(d.Body, buf)
		if n > 0 {
			assert.Equal(t, byte('a'+(total/len(buf))%26), buf[0], "chunk at %d", total)
			total += n
			chunks++
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			break
		}
		require.NoError(t, err)
	}
	assert.Equal(t, size, total)
	assert.Equal(t, size/(64<<10), chunks)
	require.NoError(t, d.Close())
}

func TestDownloadErrorsAreTyped(t *testing.T) {
	c, mock := testutil.NewClient(t)
	seen := testutil.Respond(mock, http.MethodGet, "/media/missing/download", http.StatusNotFound,
		`{"errors":[{"code":"10005","title":"Resource not found","detail":"Media missing not found"}]}`)
	d, err := media.NewService(c).Download(context.Background(), "missing")
	assert.Nil(t, d)
	require.ErrorIs(t, err, core.ErrNotFound)
	var apiErr *core.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, core.ErrorCode("10005"), apiErr.Errors[0].Code)
	assert.Equal(t, "req-1", apiErr.RequestID)
	require.Len(t, *seen, 1)
	assert.Equal(t, "*/*", (*seen)[0].Header.Get("Accept"))
}

func TestGetAndDelete(t *testing.T) {
	c, mock := testutil.NewClient(t)
	svc := media.NewService(c)
	get := testutil.Respond(mock, http.MethodGet, "/media/greeting", http.StatusOK, fileJSON)
	del := testutil.Respond(mock, http.MethodDelete, "/media/greeting", http.StatusNoContent, "")

	got, err := svc.Get(context.Background(), "greeting")
	require.NoError(t, err)
	assert.Equal(t, wantFile, got)
	assert.Equal(t, "application/json", (*get)[0].Header.Get("Accept"))
	require.NoError(t, svc.Delete(context.Background(), "greeting"))
	require.Len(t, *del, 1)
	assert.Empty(t, (*del)[0].Body)
}

func ptr[T any](v T) *T { return &v }
