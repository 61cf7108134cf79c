// Package media manages media storage: audio and other files kept on the
// Telnyx network for use in calls, uploaded from a URL or streamed from any
// io.Reader, and downloaded back as a stream.
package media

import (
	"context"
	"io"
	"iter"
	"mime"
	"net/http"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"

	"github.com/telnyx-sip-integrations/telnyx-go/internal/core"
	"github.com/telnyx-sip-integrations/telnyx-go/option"
)

// MaxTTLSecs is the longest lifetime, in seconds, the API accepts for a
// media file: 20 years.
const MaxTTLSecs = 630720000

// Service reaches the /media endpoints. Use it through telnyx.Client.Media.
type Service struct {
	c *core.Client
}

// NewService returns a Service that sends its requests through c.
func NewService(c *core.Client) *Service { return &Service{c: c} }

// File is a stored media file.
type File struct {
	// MediaName identifies the file; it is the name used in every path.
	MediaName   string `json:"media_name"`
	ContentType string `json:"content_type"`
	// ExpiresAt is when the file will be deleted.
	ExpiresAt string `json:"expires_at"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// ListParams narrow a listing of media files. The zero value lists all.
type ListParams struct {
	Filter *Filter         `url:"filter,omitempty"`
	Page   core.PageParams `url:"page,omitempty"`
}

// Filter selects media files by their content type.
type Filter struct {
	// ContentType keeps the files whose type is one of these, e.g. "audio/mpeg".
	ContentType []string `url:"content_type,omitempty,brackets"`
}

// Validate checks the filter values and the page bounds.
func (p ListParams) Validate() error {
	if p.Filter != nil {
		for i, t := range p.Filter.ContentType {
			if strings.TrimSpace(t) == "" {
				return core.Invalid("filter[content_type]", "entry %d is empty", i)
			}
		}
	}
	return p.Page.Validate()
}

// UploadParams describe a new media file. Exactly one of MediaURL and File
// must be set.
type UploadParams struct {
	// MediaURL is where Telnyx fetches the content from.
	MediaURL *string
	// File is streamed as the content, never held in memory. A file that is
	// also an io.Seeker (*os.File, *bytes.Reader) can be resent on retry;
	// any other reader is sent once.
	File io.Reader
	// FileName names the uploaded part. When empty it is the base name of
	// File's Name() method (as on *os.File), else "media".
	FileName string
	// ContentType of the uploaded part. When empty it is guessed from the
	// file name's extension, else application/octet-stream.
	ContentType string
	// MediaName is the name to store the file under; the API picks one
	// when it is nil.
	MediaName *string
	// TTLSecs is the file's lifetime in seconds, 1 to MaxTTLSecs; the API
	// keeps files for 2 days by default.
	TTLSecs *int
}

// Validate checks that exactly one content source is set and the limits
// of the optional fields.
func (p UploadParams) Validate() error {
	if err := validateSource(p.MediaURL, p.File, true); err != nil {
		return err
	}
	if p.MediaName != nil && *p.MediaName == "" {
		return core.Invalid("media_name", "must not be empty when set")
	}
	return validateTTL(p.TTLSecs)
}

// UpdateParams describe the new content or lifetime of a media file. At
// most one of MediaURL and File may be set; with neither, only TTLSecs
// changes.
type UpdateParams struct {
	// MediaURL is where Telnyx fetches the new content from.
	MediaURL *string
	// File is streamed as the new content; see UploadParams.File.
	File io.Reader
	// FileName names the uploaded part; see UploadParams.FileName.
	FileName string
	// ContentType of the uploaded part; see UploadParams.ContentType.
	ContentType string
	// TTLSecs is the new lifetime in seconds from now, 1 to MaxTTLSecs.
	TTLSecs *int
}

// Validate checks that something is changed, that at most one content
// source is set and the TTL limits.
func (p UpdateParams) Validate() error {
	if p.MediaURL == nil && p.File == nil && p.TTLSecs == nil {
		return core.Invalid("media_url", "nothing to update: set MediaURL, File or TTLSecs")
	}
	if err := validateSource(p.MediaURL, p.File, false); err != nil {
		return err
	}
	return validateTTL(p.TTLSecs)
}

func validateSource(url *string, file io.Reader, required bool) error {
	if file != nil {
		if v := reflect.ValueOf(file); v.Kind() == reflect.Pointer && v.IsNil() {
			return core.Invalid("media", "the file is a nil %T", file)
		}
	}
	switch {
	case url != nil && file != nil:
		return core.Invalid("media", "cannot be combined with media_url: set one of them")
	case url != nil && *url == "":
		return core.Invalid("media_url", "must not be empty when set")
	case required && url == nil && file == nil:
		return core.Invalid("media_url", "is required when no file is given")
	}
	return nil
}

func validateTTL(ttl *int) error {
	if ttl != nil && (*ttl < 1 || *ttl > MaxTTLSecs) {
		return core.Invalid("ttl_secs", "must be between 1 and %d, got %d", MaxTTLSecs, *ttl)
	}
	return nil
}

// jsonBody is the body of an upload or update from a URL.
type jsonBody struct {
	MediaURL  *string `json:"media_url,omitempty"`
	TTLSecs   *int    `json:"ttl_secs,omitempty"`
	MediaName *string `json:"media_name,omitempty"`
}

// requestBody builds the JSON or multipart body; file is nil for JSON.
func requestBody(url *string, file io.Reader, fileName, contentType string, name *string, ttl *int) any {
	if file == nil {
		return jsonBody{MediaURL: url, TTLSecs: ttl, MediaName: name}
	}
	var fields []core.Field
	if name != nil {
		fields = append(fields, core.Field{Name: "media_name", Value: *name})
	}
	if ttl != nil {
		fields = append(fields, core.Field{Name: "ttl_secs", Value: strconv.Itoa(*ttl)})
	}
	fileName = partName(file, fileName)
	if contentType == "" {
		contentType = typeByName(fileName)
	}
	return &core.Multipart{Fields: fields, FileField: "media", FileName: fileName, ContentType: contentType, File: file}
}

// partName picks the file name of the uploaded part.
func partName(file io.Reader, given string) string {
	if given != "" {
		return given
	}
	if n, ok := file.(interface{ Name() string }); ok {
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
	if ext == "" {
		return "application/octet-stream"
	}
	if t, ok := audioTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// List returns the first page of stored media files.
func (s *Service) List(ctx context.Context, params ListParams, opts ...option.RequestOption) (*core.Page[File], error) {
	return core.List[File](ctx, s.c, "/media", params, opts)
}

// ListAutoPaging yields every media file matching params, fetching pages
// as the loop needs them.
func (s *Service) ListAutoPaging(ctx context.Context, params ListParams, opts ...option.RequestOption) iter.Seq2[File, error] {
	return core.AutoPage(ctx, func(ctx context.Context) (*core.Page[File], error) {
		return s.List(ctx, params, opts...)
	})
}

// Upload stores a new media file, fetched from params.MediaURL or streamed
// from params.File as multipart/form-data.
func (s *Service) Upload(ctx context.Context, params UploadParams, opts ...option.RequestOption) (*File, error) {
	if err := params.Validate(); err != nil {
		return nil, err
	}
	body := requestBody(params.MediaURL, params.File, params.FileName, params.ContentType, params.MediaName, params.TTLSecs)
	return core.Data[File](ctx, s.c, core.Request{Method: http.MethodPost, Path: "/media", Body: body}, opts)
}

// Get returns the description of the media file called name.
func (s *Service) Get(ctx context.Context, name string, opts ...option.RequestOption) (*File, error) {
	path, err := core.Path("/media/{media_name}", name)
	if err != nil {
		return nil, err
	}
	return core.Data[File](ctx, s.c, core.Request{Method: http.MethodGet, Path: path}, opts)
}

// Update replaces the content or the lifetime of the media file called name.
func (s *Service) Update(ctx context.Context, name string, params UpdateParams, opts ...option.RequestOption) (*File, error) {
	path, err := core.Path("/media/{media_name}", name)
	if err != nil {
		return nil, err
	}
	if err := params.Validate(); err != nil {
		return nil, err
	}
	body := requestBody(params.MediaURL, params.File, params.FileName, params.ContentType, nil, params.TTLSecs)
	return core.Data[File](ctx, s.c, core.Request{Method: http.MethodPut, Path: path, Body: body}, opts)
}

// Delete removes the media file called name.
func (s *Service) Delete(ctx context.Context, name string, opts ...option.RequestOption) error {
	path, err := core.Path("/media/{media_name}", name)
	if err != nil {
		return err
	}
	return s.c.Do(ctx, core.Request{Method: http.MethodDelete, Path: path}, nil, opts)
}

// Download is the streamed content of a media file. It is an
// io.ReadCloser; the caller must close it.
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
func (s *Service) Download(ctx context.Context, name string, opts ...option.RequestOption) (*Download, error) {
	path, err := core.Path("/media/{media_name}/download", name)
	if err != nil {
		return nil, err
	}
	resp, err := s.c.Stream(ctx, core.Request{Method: http.MethodGet, Path: path, Accept: "*/*"}, opts)
	if err != nil {
		return nil, err
	}
	return &Download{Body: resp.Body, ContentType: resp.Header.Get("Content-Type"), ContentLength: resp.ContentLength}, nil
}
