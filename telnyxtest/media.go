package telnyxtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"syscall"
	"time"
)

const (
	defaultMediaTTL = 48 * time.Hour
	maxMediaTTLSecs = 630720000
	tsLayout        = "2006-01-02T15:04:05.000Z07:00"
)

// extTypes maps file extensions to content types, independent of the host's
// MIME database.
var extTypes = map[string]string{
	".mp3":  "audio/mpeg",
	".wav":  "audio/wav",
	".ogg":  "audio/ogg",
	".m4a":  "audio/mp4",
	".xml":  "application/xml",
	".json": "application/json",
	".txt":  "text/plain",
	".pdf":  "application/pdf",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
	".gif":  "image/gif",
	".mp4":  "video/mp4",
}

func typeByExt(name string) string {
	return extTypes[strings.ToLower(path.Ext(name))]
}

// mediaInput is the parsed body of a media create or update request.
type mediaInput struct {
	hasData     bool
	data        []byte
	contentType string
	name        opt[string]
	ttl         opt[int]
	mediaURL    opt[string]
}

func mediaJSON(m *mediaItem) map[string]any {
	return map[string]any{
		"media_name":   m.name,
		"content_type": m.contentType,
		"created_at":   m.createdAt.Format(tsLayout),
		"updated_at":   m.updatedAt.Format(tsLayout),
		"expires_at":   m.expiresAt.Format(tsLayout),
	}
}

// parseMediaBody reads either a JSON or a multipart/form-data body.
func (c *call) parseMediaBody() (*mediaInput, *response) {
	in := &mediaInput{}
	mt, params, _ := mime.ParseMediaType(c.req.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		boundary := params["boundary"]
		if boundary == "" {
			return nil, c.badRequest("The multipart body has no boundary.")
		}
		mr := multipart.NewReader(bytes.NewReader(c.body), boundary)
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return nil, c.badRequest("The multipart body is malformed: " + err.Error())
			}
			data, err := io.ReadAll(io.LimitReader(part, maxMediaBytes+1))
			if err != nil {
				return nil, c.badRequest("The multipart body is malformed: " + err.Error())
			}
			if len(data) > maxMediaBytes {
				return nil, c.invalidField("/"+part.FormName(), "The '"+part.FormName()+"' part must not be larger than 20 MB.")
			}
			switch part.FormName() {
			case "media":
				in.hasData = true
				in.data = data
				in.contentType = detectType(part.Header.Get("Content-Type"), part.FileName(), data)
			case "media_name":
				in.name = opt[string]{set: true, v: string(data)}
			case "ttl_secs":
				n, err := strconv.Atoi(strings.TrimSpace(string(data)))
				if err != nil {
					return nil, c.invalidField("/ttl_secs", "The 'ttl_secs' parameter must be an integer.")
				}
				in.ttl = opt[int]{set: true, v: n}
			}
		}
		return in, nil
	}
	var req struct {
		MediaURL  opt[string] `json:"media_url"`
		TTLSecs   opt[int]    `json:"ttl_secs"`
		MediaName opt[string] `json:"media_name"`
	}
	if resp := c.decode(&req); resp != nil {
		return nil, resp
	}
	in.mediaURL, in.ttl, in.name = req.MediaURL, req.TTLSecs, req.MediaName
	if in.mediaURL.given() && !isURI(in.mediaURL.v) {
		return nil, c.invalidField("/media_url", "The 'media_url' parameter must be a valid URL.")
	}
	return in, nil
}

// prepareMedia validates a media create or update body and fetches its
// media_url, all without the server lock: the URL may point at a server
// that the code under test runs, or at this fake. The result is c.media.
func (s *Server) prepareMedia(c *call) *response {
	name, update := c.params["media_name"]
	if update {
		s.mu.Lock()
		m := s.liveMedia(name, c.now)
		s.mu.Unlock()
		if m == nil {
			return c.notFound("Media " + quote(name))
		}
	}
	in, resp := c.parseMediaBody()
	if resp != nil {
		return resp
	}
	if !update && !in.hasData && !in.mediaURL.given() {
		if in.mediaURL.set || !strings.HasPrefix(c.req.Header.Get("Content-Type"), "multipart/") {
			return c.missing("/media_url")
		}
		return c.missing("/media")
	}
	if resp := c.validateTTL(in); resp != nil {
		return resp
	}
	if !update && in.name.given() && in.name.v == "" {
		return c.invalidField("/media_name", "The 'media_name' parameter must not be empty.")
	}
	if in.mediaURL.given() {
		if resp := s.fetchMedia(c, in); resp != nil {
			return resp
		}
	}
	c.media = in
	return nil
}

// fetchMedia fetches the media at in's media_url into in, refusing media
// that cannot be fetched or is larger than 20 MB.
func (s *Server) fetchMedia(c *call, in *mediaInput) *response {
	data, ctype, err := s.cfg.fetch(c.req.Context(), in.mediaURL.v)
	if err != nil {
		return c.invalidField("/media_url", "The 'media_url' could not be fetched: "+err.Error())
	}
	if len(data) > maxMediaBytes {
		return c.invalidField("/media_url", "The media at 'media_url' is larger than 20 MB.")
	}
	u, _ := url.Parse(in.mediaURL.v)
	in.hasData, in.data, in.contentType = true, data, urlMediaType(ctype, u.Path, data)
	return nil
}

// urlMediaType picks the content type of media fetched from a URL: the
// type the fetch reported, else the type by the URL's extension, else the
// sniffed type.
func urlMediaType(declared, urlPath string, data []byte) string {
	if _, _, err := mime.ParseMediaType(declared); err == nil {
		return declared
	}
	if t := typeByExt(urlPath); t != "" {
		return t
	}
	return http.DetectContentType(data)
}

// fetchTimeout bounds a default media_url fetch.
const fetchTimeout = 10 * time.Second

// fetchClient fetches loopback media URLs. It never uses a proxy, dials
// only loopback addresses (whatever a name resolves to, and across
// redirects) and keeps no idle connections, so that test servers close
// promptly.
var fetchClient = &http.Client{
	Timeout: fetchTimeout,
	Transport: &http.Transport{
		Proxy:             nil,
		DisableKeepAlives: true,
		DialContext: (&net.Dialer{
			Timeout: fetchTimeout,
			Control: func(_, address string, _ syscall.RawConn) error {
				host, _, err := net.SplitHostPort(address)
				if err != nil {
					return err
				}
				if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
					return fmt.Errorf("telnyxtest only fetches loopback addresses, not %s", host)
				}
				return nil
			},
		}).DialContext,
	},
}

// isLoopbackHost reports whether host names the local machine.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// defaultFetch is the media fetcher used unless WithMediaFetcher replaces
// it: http and https URLs on loopback hosts are fetched, every other URL
// yields a deterministic placeholder so that the fake never reaches the
// network.
func defaultFetch(ctx context.Context, rawURL string) ([]byte, string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, "", err
	}
	if (u.Scheme != "http" && u.Scheme != "https") || !isLoopbackHost(u.Hostname()) {
		ctype := typeByExt(u.Path)
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		return []byte("telnyx-fake placeholder for " + rawURL), ctype, nil
	}
	ctx, cancel := context.WithTimeout(ctx, fetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, "", err
	}
	resp, err := fetchClient.Do(req)
	if err != nil {
		return nil, "", err
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, "", fmt.Errorf("GET %s answered %s", rawURL, resp.Status)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxMediaBytes+1))
	if err != nil {
		return nil, "", err
	}
	if len(data) > maxMediaBytes {
		return nil, "", fmt.Errorf("the media at %s is larger than 20 MB", rawURL)
	}
	return data, resp.Header.Get("Content-Type"), nil
}

// detectType picks the content type of an uploaded part: the declared type
// unless it is missing or generic, then the sniffed type, then the file
// extension.
func detectType(declared, filename string, data []byte) string {
	if mt, _, err := mime.ParseMediaType(declared); err == nil && mt != "application/octet-stream" {
		return declared
	}
	sniffed := http.DetectContentType(data)
	if sniffed != "application/octet-stream" {
		return sniffed
	}
	if t := typeByExt(filename); t != "" {
		return t
	}
	return sniffed
}

func (c *call) validateTTL(in *mediaInput) *response {
	if in.ttl.given() && (in.ttl.v < 1 || in.ttl.v > maxMediaTTLSecs) {
		return c.invalidField("/ttl_secs", "The 'ttl_secs' parameter must be between 1 and "+itoa(maxMediaTTLSecs)+".")
	}
	return nil
}

// liveMedia returns the stored media called name, dropping it if expired.
func (s *Server) liveMedia(name string, now time.Time) *mediaItem {
	m, ok := s.st.media.get(name)
	if !ok {
		return nil
	}
	if !now.Before(m.expiresAt) {
		s.st.media.del(name)
		return nil
	}
	return m
}

func (s *Server) listMedia(c *call) *response {
	number, size, resp := c.page(maxPageSize)
	if resp != nil {
		return resp
	}
	types := c.splitValues("filter[content_type]")
	for _, m := range s.st.media.list() {
		s.liveMedia(m.name, c.now)
	}
	all := filterList(s.st.media.list(), func(m *mediaItem) bool {
		if len(types) == 0 {
			return true
		}
		mt, _, _ := mime.ParseMediaType(m.contentType)
		for _, t := range types {
			if strings.EqualFold(t, m.contentType) || strings.EqualFold(t, mt) {
				return true
			}
		}
		return false
	})
	page, meta := paginate(all, number, size)
	data := make([]map[string]any, len(page))
	for i, m := range page {
		data[i] = mediaJSON(m)
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": data, "meta": meta})
}

// createMedia stores the media that prepareMedia read or fetched.
func (s *Server) createMedia(c *call) *response {
	in := c.media
	name := newUUID()
	if in.name.given() {
		name = in.name.v
	}
	if s.liveMedia(name, c.now) != nil {
		return c.invalidField("/media_name", "The 'media_name' "+quote(name)+" is already in use.")
	}
	ttl := defaultMediaTTL
	if in.ttl.given() {
		ttl = time.Duration(in.ttl.v) * time.Second
	}
	now := c.now.Truncate(time.Millisecond)
	m := &mediaItem{
		name:        name,
		contentType: in.contentType,
		data:        in.data,
		createdAt:   now,
		updatedAt:   now,
		expiresAt:   now.Add(ttl),
	}
	s.st.media.put(name, m)
	return jsonResponse(http.StatusCreated, map[string]any{"data": mediaJSON(m)})
}

func (s *Server) mediaFor(c *call) (*mediaItem, *response) {
	name := c.params["media_name"]
	m := s.liveMedia(name, c.now)
	if m == nil {
		return nil, c.notFound("Media " + quote(name))
	}
	return m, nil
}

func (s *Server) getMedia(c *call) *response {
	m, resp := s.mediaFor(c)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, map[string]any{"data": mediaJSON(m)})
}

// updateMedia applies what prepareMedia read or fetched.
func (s *Server) updateMedia(c *call) *response {
	m, resp := s.mediaFor(c)
	if resp != nil {
		return resp
	}
	in := c.media
	now := c.now.Truncate(time.Millisecond)
	if in.hasData {
		m.data = in.data
		m.contentType = in.contentType
	}
	if in.ttl.given() {
		m.expiresAt = now.Add(time.Duration(in.ttl.v) * time.Second)
	}
	m.updatedAt = now
	return jsonResponse(http.StatusOK, map[string]any{"data": mediaJSON(m)})
}

func (s *Server) deleteMedia(c *call) *response {
	m, resp := s.mediaFor(c)
	if resp != nil {
		return resp
	}
	s.st.media.del(m.name)
	return &response{status: http.StatusNoContent}
}

// acceptsOnlyJSON reports whether an Accept header excludes everything but JSON.
func acceptsOnlyJSON(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return false
	}
	for _, r := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(r))
		if err != nil || mt != "application/json" {
			return false
		}
	}
	return true
}

func (s *Server) downloadMedia(c *call) *response {
	m, resp := s.mediaFor(c)
	if resp != nil {
		return resp
	}
	if acceptsOnlyJSON(c.req.Header.Get("Accept")) {
		return c.status(http.StatusNotAcceptable, "The media can only be downloaded as application/octet-stream; do not send 'Accept: application/json'.")
	}
	// Like the API, the bytes come as application/octet-stream whatever
	// the media's own type; that type is in the media's metadata.
	r := &response{status: http.StatusOK, body: append([]byte{}, m.data...)}
	r.header().Set("Content-Type", "application/octet-stream")
	r.header().Set("Content-Length", itoa(len(m.data)))
	return r
}
