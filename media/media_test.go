package media_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/internal/testutil"
	"github.com/telnyx-sip-integrations/telnyx-go/media"
)

const fileData = `{"media_name":"greeting","content_type":"audio/mpeg","expires_at":"2020-01-23T18:10:02.574Z","created_at":"2019-01-23T18:10:02.574Z","updated_at":"2019-01-24T18:10:02Z","unknown_field":1}`

const fileJSON = `{"data":` + fileData + `}`

var file = &media.File{
	MediaName: "greeting", ContentType: "audio/mpeg",
	ExpiresAt: telnyx.NewTimestamp(time.Date(2020, 1, 23, 18, 10, 2, 574e6, time.UTC)),
	CreatedAt: telnyx.NewTimestamp(time.Date(2019, 1, 23, 18, 10, 2, 574e6, time.UTC)),
	UpdatedAt: telnyx.NewTimestamp(time.Date(2019, 1, 24, 18, 10, 2, 0, time.UTC)),
}

const listJSON = `{"data":[` + fileData + `],"meta":{"page_number":2,"page_size":1,"total_pages":2,"total_results":2}}`

func setup(t *testing.T) (*media.Service, *testutil.Recorder) {
	t.Helper()
	c, rec := testutil.NewClient(t)
	return media.New(c), rec
}

const (
	mediaTemplate    = "/media/{media_name}"
	downloadTemplate = "/media/{media_name}/download"
)

var listParams = media.ListParams{
	Filter: &media.ListFilter{ContentType: []string{"audio/mpeg", "audio/wav"}},
	Page:   telnyx.PageParams{Number: 2, Size: 1},
}

var listQuery = url.Values{
	"filter[content_type][]": {"audio/mpeg", "audio/wav"},
	"page[number]":           {"2"},
	"page[size]":             {"1"},
}

// listed is what a first page holds.
type listed struct {
	Data []media.File
	Meta telnyx.PageMeta
}

// readAll downloads name and returns the content.
func readAll(ctx context.Context, c *telnyx.Client, name string) (any, error) {
	d, err := media.New(c).Download(ctx, name)
	if err != nil {
		return nil, err
	}
	defer func() { _ = d.Close() }()
	b, err := io.ReadAll(d)
	return string(b), err
}

func TestMethods(t *testing.T) {
	t.Parallel()
	testutil.Run(t, []testutil.Case{
		{
			Name: "List", Method: http.MethodGet, Path: "/media", Query: listQuery,
			Status: http.StatusOK, Answer: listJSON,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				page, err := media.New(c).List(ctx, listParams)
				if err != nil {
					return nil, err
				}
				return listed{page.Data, page.Meta}, nil
			},
			Want: listed{[]media.File{*file}, telnyx.PageMeta{PageNumber: 2, PageSize: 1, TotalPages: 2, TotalResults: 2}},
		},
		{
			Name: "ListAutoPaging", Method: http.MethodGet, Path: "/media", Query: listQuery,
			Status: http.StatusOK, Answer: listJSON, Want: []media.File{*file},
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return telnyx.Collect(media.New(c).ListAutoPaging(ctx, listParams), 0)
			},
		},
		{
			Name: "Upload", Method: http.MethodPost, Path: "/media",
			Body:   `{"media_url":"http://www.example.com/audio.mp3","media_name":"greeting","ttl_secs":86400}`,
			Status: http.StatusCreated, Answer: fileJSON, Want: file,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Upload(ctx, media.UploadParams{
					MediaURL: telnyx.String("http://www.example.com/audio.mp3"), MediaName: telnyx.String("greeting"), TTLSecs: telnyx.Int(86400),
				})
			},
		},
		{
			// The multipart body is checked in uploads_test.go.
			Name: "Upload file", Method: http.MethodPost, Path: "/media", SkipBody: true,
			Status: http.StatusCreated, Answer: fileJSON, Want: file,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Upload(ctx, media.UploadParams{File: strings.NewReader("ID3"), FileName: "greeting.mp3"})
			},
		},
		{
			Name: "Get", Method: http.MethodGet, Path: "/media/greeting%232.mp3", Status: http.StatusOK, Answer: fileJSON, Want: file,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Get(ctx, "greeting#2.mp3")
			},
			Template: mediaTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := media.New(c).Get(ctx, v)
				return err
			},
		},
		{
			Name: "Update", Method: http.MethodPut, Path: "/media/50%25.wav", Body: `{"ttl_secs":630720000}`,
			Status: http.StatusOK, Answer: fileJSON, Want: file,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return media.New(c).Update(ctx, "50%.wav", media.UpdateParams{TTLSecs: telnyx.Int(media.MaxTTLSecs)})
			},
			Template: mediaTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := media.New(c).Update(ctx, v, media.UpdateParams{TTLSecs: telnyx.Int(10)})
				return err
			},
		},
		{
			Name: "Delete", Method: http.MethodDelete, Path: "/media/a%2F..%2F..%2Frecordings", Status: http.StatusNoContent,
			Call: func(ctx context.Context, c *telnyx.Client) (any, error) {
				return nil, media.New(c).Delete(ctx, "a/../../recordings")
			},
			Template: mediaTemplate,
			Hostile:  func(ctx context.Context, c *telnyx.Client, v string) error { return media.New(c).Delete(ctx, v) },
		},
		{
			Name: "Download", Method: http.MethodGet, Path: "/media/what%3F.mp3/download", Status: http.StatusOK, Answer: "ID3 bytes", Want: "ID3 bytes",
			Call:     func(ctx context.Context, c *telnyx.Client) (any, error) { return readAll(ctx, c, "what?.mp3") },
			Template: downloadTemplate,
			Hostile: func(ctx context.Context, c *telnyx.Client, v string) error {
				_, err := readAll(ctx, c, v)
				return err
			},
		},
	})
}

func TestListWithoutParamsSendsNoQuery(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":[],"meta":{"page_number":1,"total_pages":0}}`)
	page, err := svc.List(t.Context(), media.ListParams{})
	require.NoError(t, err)
	assert.Empty(t, page.Data)
	assert.Empty(t, rec.Last(t).Query)
}

func TestUploadFromURLLeavesOutUnsetFields(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusCreated, fileJSON)
	_, err := svc.Upload(t.Context(), media.UploadParams{MediaURL: telnyx.String("http://www.example.com/a.wav")})
	require.NoError(t, err)
	req := rec.Last(t)
	assert.Equal(t, "application/json", req.Header.Get("Content-Type"))
	assert.JSONEq(t, `{"media_url":"http://www.example.com/a.wav"}`, string(req.Body))
}

func TestUpdateFromURLSendsJSON(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, fileJSON)
	_, err := svc.Update(t.Context(), "greeting", media.UpdateParams{MediaURL: telnyx.String("https://example.com/new.mp3"), TTLSecs: telnyx.Int(60)})
	require.NoError(t, err)
	assert.JSONEq(t, `{"media_url":"https://example.com/new.mp3","ttl_secs":60}`, string(rec.Last(t).Body))
}

func TestFileDecodesOddTimestamps(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	rec.Answer(http.StatusOK, `{"data":{"media_name":"m","expires_at":null,"created_at":"","updated_at":"2019-01-24 18:10:02"}}`)
	got, err := svc.Get(t.Context(), "m")
	require.NoError(t, err)
	assert.True(t, got.ExpiresAt.IsZero())
	assert.True(t, got.CreatedAt.IsZero())
	assert.True(t, got.UpdatedAt.Equal(telnyx.NewTimestamp(time.Date(2019, 1, 24, 18, 10, 2, 0, time.UTC))))
}

func TestValidationHappensBeforeSending(t *testing.T) {
	t.Parallel()
	svc, rec := setup(t)
	ctx := t.Context()
	file := func() io.Reader { return strings.NewReader("x") }
	upload := func(p media.UploadParams) func() error {
		return func() error { _, err := svc.Upload(ctx, p); return err }
	}
	update := func(name string, p media.UpdateParams) func() error {
		return func() error { _, err := svc.Update(ctx, name, p); return err }
	}
	url := telnyx.String("https://e.com/a.mp3")
	cases := []struct {
		field string
		call  func() error
	}{
		{"media_url", upload(media.UploadParams{})},
		{"media_url", upload(media.UploadParams{MediaName: telnyx.String("n"), TTLSecs: telnyx.Int(5)})},
		{"media_url", upload(media.UploadParams{MediaURL: telnyx.String("")})},
		{"media", upload(media.UploadParams{MediaURL: url, File: file()})},
		{"ttl_secs", upload(media.UploadParams{MediaURL: url, TTLSecs: telnyx.Int(0)})},
		{"ttl_secs", upload(media.UploadParams{File: file(), TTLSecs: telnyx.Int(media.MaxTTLSecs + 1)})},
		{"media_name", upload(media.UploadParams{File: file(), MediaName: telnyx.String("")})},
		{"media_name", upload(media.UploadParams{MediaURL: url, MediaName: telnyx.String("")})},
		{"media", upload(media.UploadParams{File: (*os.File)(nil)})},
		{"media", update("n", media.UpdateParams{File: (*bytes.Reader)(nil)})},
		{"media_url", update("n", media.UpdateParams{})},
		{"media_url", update("n", media.UpdateParams{MediaURL: telnyx.String("")})},
		{"media", update("n", media.UpdateParams{MediaURL: url, File: file()})},
		{"ttl_secs", update("n", media.UpdateParams{TTLSecs: telnyx.Int(-1)})},
		{"ttl_secs", update("n", media.UpdateParams{File: file(), TTLSecs: telnyx.Int(media.MaxTTLSecs + 1)})},
		{"media_name", update("", media.UpdateParams{TTLSecs: telnyx.Int(1)})},
		{"media_name", update("..", media.UpdateParams{File: file()})},
		{"media_name", func() error { _, err := svc.Get(ctx, ""); return err }},
		{"media_name", func() error { return svc.Delete(ctx, "..") }},
		{"media_name", func() error { _, err := svc.Download(ctx, "."); return err }},
		{"filter[content_type]", func() error {
			_, err := svc.List(ctx, media.ListParams{Filter: &media.ListFilter{ContentType: []string{"audio/mpeg", " "}}})
			return err
		}},
		{"page[size]", func() error {
			_, err := svc.List(ctx, media.ListParams{Page: telnyx.PageParams{Size: 251}})
			return err
		}},
		{"page[number]", func() error {
			_, err := telnyx.Collect(svc.ListAutoPaging(ctx, media.ListParams{Page: telnyx.PageParams{Number: -1}}), 0)
			return err
		}},
	}
	for _, tc := range cases {
		testutil.RequireInvalid(t, tc.call(), tc.field)
	}
	assert.Empty(t, rec.Requests(), "nothing may be sent")
}
