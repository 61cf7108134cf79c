// Package media manages media storage: audio and other files kept on the
// Telnyx network for use in calls, uploaded from a URL or streamed from any
// [io.Reader], and downloaded back as a stream.
package media

import (
	"context"
	"fmt"
	"io"
	"iter"
	"mime"
	"net/http"
	"path/filepath"
	"reflect"
	"strings"

	telnyx "github.com/telnyx-sip-integrations/telnyx-go"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// MaxTTLSecs is the longest lifetime, in seconds, the API accepts for a
// media file: 20 years.
const MaxTTLSecs = 630720000

// Service reaches the /media endpoints. It is cheap to build and safe for
// concurrent use.
type Service struct {
	client *telnyx.Client
}

// New returns a Service that sends its requests through client, sharing
// its connection pool and retry budget; opts, as in [telnyx.Client.With],
// are defaults of every call of the service.
func New(client *telnyx.Client, opts ...option.RequestOption) *Service {
	return &Service{client: client.With(opts...)}
}

// File is a stored media file.
type File struct {
	// MediaName identifies the file; it is the name used in every path.
	MediaName   string `json:"media_name"`
	ContentType string `json:"content_type"`
	// ExpiresAt is when the file will be deleted.
	ExpiresAt telnyx.Timestamp `json:"expires_at"`
	CreatedAt telnyx.Timestamp `json:"created_at"`
	UpdatedAt telnyx.Timestamp `json:"updated_at"`
}

// ListParams narrow a listing of media files. The zero value lists all.
type ListParams struct {
	Filter *ListFilter       `url:"filter,omitempty"`
	Page   telnyx.PageParams `url:"page,omitempty"`
}

// ListFilter selects media files by their content type.
type ListFilter struct {
	// ContentType keeps the files whose type is one of these, e.g. "audio/mpeg".
	ContentType []string `url:"content_type,omitempty,brackets"`
}

// Validate checks the filter values and the page bounds.
func (p ListParams) Validate() error {
	if p.Filter != nil {
		for i, t := range p.Filter.ContentType {
			if strings.TrimSpace(t) == "" {
				return &telnyx.ValidationError{Field: "filter[content_type]", Reason: fmt.Sprintf("entry %d is empty", i)}
			}
		}
	}
	return p.Page.Validate()
}

// UploadParams describe a new media file. Exactly one of MediaURL and File
// must be set. A MediaURL is sent as JSON, a File as multipart/form-data.
type UploadParams struct {
	// MediaURL is where Telnyx fetches the content from.
	MediaURL *string `json:"media_url,omitempty" url:"-"`
	// File is streamed as the content, never held in memory. A file that is
	// also an [io.Seeker] (*os.File, *bytes.Reader) is rewound and sent again
	// on retry; any other reader is sent once.
	File io.Reader `json:"-" url:"-"`
	// FileName names the uploaded part. When empty it is the base name of
	// File's Name() method (as on *os.File), else "media".
	FileName string `json:"-" url:"-"`
	// ContentType of the uploaded part. When empty it is guessed from the
	// file name's extension, else application/octet-stream.
	ContentType string `json:"-" url:"-"`
	// MediaName is the name to store the file under; the API picks one
	// when it is nil.
	MediaName *string `json:"media_name,omitempty" url:"media_name,omitempty"`
	// TTLSecs is the file's lifetime in seconds, 1 to MaxTTLSecs; the API
	// keeps files for 2 days by default.
	TTLSecs *int `json:"ttl_secs,omitempty" url:"ttl_secs,omitempty"`
}

// Validate checks that exactly one content source is set and the limits
// of the optional fields.
func (p UploadParams) Validate() error {
	if err := validateSource(p.MediaURL, p.File, true); err != nil {
		return err
	}
	if p.MediaName != nil && *p.MediaName == "" {
		return &telnyx.ValidationError{Field: "media_name", Reason: "must not be empty when set"}
	}
	return validateTTL(p.TTLSecs)
}

// UpdateParams describe the new content or lifetime of a media file. At
// most one of MediaURL and File may be set; with neither, only TTLSecs
// changes.
type UpdateParams struct {
	// MediaURL is where Telnyx fetches the new content from.
	MediaURL *string `json:"media_url,omitempty" url:"-"`
	// File is streamed as the new content; see UploadParams.File.
	File io.Reader `json:"-" url:"-"`
	// FileName names the uploaded part; see UploadParams.FileName.
	FileName string `json:"-" url:"-"`
	// ContentType of the uploaded part; see UploadParams.ContentType.
	ContentType string `json:"-" url:"-"`
	// TTLSecs is the new lifetime in seconds from now, 1 to MaxTTLSecs.
	TTLSecs *int `json:"ttl_secs,omitempty" url:"ttl_secs,omitempty"`
}

// Validate checks that something is changed, that at most one content
// source is set and the TTL limits.
func (p UpdateParams) Validate() error {
	if p.MediaURL == nil && p.File == nil && p.TTLSecs == nil {
		return &telnyx.ValidationError{Field: "media_url", Reason: "nothing to update: set MediaURL, File or TTLSecs"}
	}
	if err := validateSource(p.MediaURL, p.File, false); err != nil {
		return err
	}
	return validateTTL(p.TTLSecs)
}

func validateSource(url *string, file io.Reader, required bool) error {
	switch {
	case file != nil && isNilPointer(file):
		return &telnyx.ValidationError{Field: "media", Reason: fmt.Sprintf("the file is a nil %T", file)}
	case url != nil && file != nil:
		return &telnyx.ValidationError{Field: "media", Reason: "cannot be combined with media_url: set one of them"}
	case url != nil && *url == "":
		return &telnyx.ValidationError{Field: "media_url", Reason: "must not be empty when set"}
	case required && url == nil && file == nil:
		return &telnyx.ValidationError{Field: "media_url", Reason: "is required when no file is given"}
	}
	return nil
}

func validateTTL(ttl *int) error {
	if ttl != nil && (*ttl < 1 || *ttl > MaxTTLSecs) {
		return &telnyx.ValidationError{Field: "ttl_secs", Reason: fmt.Sprintf("must be between 1 and %d, got %d", MaxTTLSecs, *ttl)}
	}
	return nil
}

func isNilPointer(r io.Reader) bool {
	v := reflect.ValueOf(r)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// body is what Upload and Update send: params as JSON when there is no
// file, else a multipart body with params as its plain fields. The engine
// validates params either way before sending.
func body(params any, file io.Reader, fileName, contentType string) any {
	if file == nil {
		return params
	}
	fileName = partName(file, fileName)
	if contentType == "" {
		contentType = typeByName(fileName)
	}
	return &telnyx.Multipart{Form: params, FileField: "media", FileName: fileName, ContentType: contentType, File: file}
}

// partName picks the file name of the uploaded part.
func partName(file io.Reader, given string) string {
	if given != "" {
		return given
	}
	if n, ok := file.(interface{ Name() string }); ok && !isNilPointer(file) {
		if base := filepath.Base(n.Name()); base != "." && base != string(filepath.Separator) {
			return base
		}
	}
	return "media"
}

// audioTypes are the types of common audio files, which not every host's
// MIME database knows.
var audioTypes = map[string]string{
	".mp3":  "audio/mpeg",
	".wav":  "audio/wav",
	".ogg":  "audio/ogg",
	".oga":  "audio/ogg",
	".opus": "audio/ogg",
	".m4a":  "audio/mp4",
	".aac":  "audio/aac",
	".flac": "audio/flac",
}

// typeByName guesses a content type from the extension of name.
func typeByName(name string) string {
	ext := strings.ToLower(filepath.Ext(name))
	if t, ok := audioTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); ext != "" && t != "" {
		return t
	}
	return "application/octet-stream"
}

const (
	mediaPath    = "/media/{media_name}"
	downloadPath = "/media/{media_name}/download"
)

func listRequest(params ListParams) telnyx.Request {
	return telnyx.Request{Method: http.MethodGet, Path: "/media", Query: params}
}

// List returns one page of stored media files.
//
// API: GET /media
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*telnyx.Page[File], error) {
	return telnyx.ListPage[File](ctx, s.client, listRequest(params), opts...)
}

// ListAutoPaging iterates over every media file matching params, fetching
// pages as the loop needs them.
//
// API: GET /media
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[File, error] {
	return telnyx.ListAll[File](ctx, s.client, listRequest(params), opts...)
}

// Upload stores a new media file, fetched by Telnyx from params.MediaURL
// or streamed from params.File. A failure of params.File ends the call
// with a *telnyx.ReaderError, without retrying.
//
// API: POST /media
func (s *Service) Upload(ctx context.Context, params UploadParams, opts ...option.RequestOption) (*File, error) {
	return telnyx.Call[File](ctx, s.client, telnyx.Request{Method: http.MethodPost, Path: "/media",
		Body: body(params, params.File, params.FileName, params.ContentType)}, opts...)
}

// Get returns the description of the media file called name.
//
// API: GET /media/{media_name}
func (s *Service) Get(ctx context.Context, name string, opts ...option.RequestOption) (*File, error) {
	return telnyx.Call[File](ctx, s.client, telnyx.Request{Method: http.MethodGet, Path: mediaPath, PathParams: []string{name}}, opts...)
}

// Update replaces the content or the lifetime of the media file called
// name. A failure of params.File ends the call with a *telnyx.ReaderError,
// without retrying.
//
// API: PUT /media/{media_name}
func (s *Service) Update(ctx context.Context, name string, params UpdateParams, opts ...option.RequestOption) (*File, error) {
	return telnyx.Call[File](ctx, s.client, telnyx.Request{Method: http.MethodPut, Path: mediaPath, PathParams: []string{name},
		Body: body(params, params.File, params.FileName, params.ContentType)}, opts...)
}

// Delete removes the media file called name.
//
// API: DELETE /media/{media_name}
func (s *Service) Delete(ctx context.Context, name string, opts ...option.RequestOption) error {
	_, err := s.client.Do(ctx, telnyx.Request{Method: http.MethodDelete, Path: mediaPath, PathParams: []string{name}}, nil, opts...)
	return err
}

// Download is the streamed content of a media file. It is an
// [io.ReadCloser]; the caller must close it.
type Download struct {
	// Body is the content, read straight from the connection.
	Body io.ReadCloser
	// ContentType is the Content-Type of the download; the API sends
	// application/octet-stream. The file's own type is File.ContentType,
	// as returned by Get.
	ContentType string
	// ContentLength is the size in bytes, -1 when the API did not say.
	ContentLength int64
}

// Read reads from Body.
func (d *Download) Read(p []byte) (int, error) { return d.Body.Read(p) }

// Close closes Body, releasing the connection.
func (d *Download) Close() error { return d.Body.Close() }

// Download opens the content of the media file called name. Nothing is
// buffered: read the result and close it.
//
// API: GET /media/{media_name}/download
func (s *Service) Download(ctx context.Context, name string, opts ...option.RequestOption) (*Download, error) {
	//nolint:bodyclose // the body is handed to the caller in Download, whose Close closes it
	resp, err := s.client.Stream(ctx, telnyx.Request{Method: http.MethodGet, Path: downloadPath, PathParams: []string{name}}, opts...)
	if err != nil {
		return nil, err
	}
	return &Download{Body: resp.Body, ContentType: resp.Header.Get("Content-Type"), ContentLength: resp.ContentLength}, nil
}
