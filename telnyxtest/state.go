package telnyxtest

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"strconv"
	"time"
)

// ordered is a map that remembers insertion order.
type ordered[T any] struct {
	keys []string
	m    map[string]T
}

func newOrdered[T any]() *ordered[T] { return &ordered[T]{m: map[string]T{}} }

func (o *ordered[T]) get(k string) (T, bool) {
	v, ok := o.m[k]
	return v, ok
}

func (o *ordered[T]) put(k string, v T) {
	if _, ok := o.m[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.m[k] = v
}

func (o *ordered[T]) del(k string) bool {
	if _, ok := o.m[k]; !ok {
		return false
	}
	delete(o.m, k)
	for i, key := range o.keys {
		if key == k {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
	return true
}

// rename moves the value stored under from to to, keeping its position.
func (o *ordered[T]) rename(from, to string) {
	v, ok := o.m[from]
	if !ok || from == to {
		return
	}
	delete(o.m, from)
	o.m[to] = v
	for i, key := range o.keys {
		if key == from {
			o.keys[i] = to
		}
	}
}

func (o *ordered[T]) list() []T {
	out := make([]T, 0, len(o.keys))
	for _, k := range o.keys {
		out = append(out, o.m[k])
	}
	return out
}

// connData is everything stored below one external connection.
type connData struct {
	conn      *connection
	addresses *ordered[*civicAddress]
	numbers   *ordered[*phoneNumber]
	releases  *ordered[*release]
	uploads   *ordered[*uploadItem]
	// refreshedAt is when the uploads were last refreshed.
	refreshedAt time.Time
}

type mediaItem struct {
	name        string
	contentType string
	data        []byte
	createdAt   time.Time
	updatedAt   time.Time
	expiresAt   time.Time
}

type credentials struct {
	connectionID  string
	backend       string
	configuration json.RawMessage
}

type dialogflowConn struct {
	connectionID          string
	serviceAccount        map[string]any
	dialogflowAPI         string
	conversationProfileID string
	location              string
	environment           string
}

type siprecConnector struct {
	name         string
	host         string
	port         int
	appSubdomain string
	createdAt    time.Time
	updatedAt    time.Time
}

// state holds all resources; guarded by Server.mu.
type state struct {
	nextIntID      int64
	tenant         string
	connections    *ordered[*connData]
	logMessages    *ordered[*logMessage]
	media          *ordered[*mediaItem]
	credentials    *ordered[*credentials]
	dialogflow     *ordered[*dialogflowConn]
	siprec         *ordered[*siprecConnector]
	recordings     *ordered[*recording]
	transcriptions *ordered[*transcription]
}

func newState() *state {
	return &state{
		nextIntID:      1930241863466354012,
		connections:    newOrdered[*connData](),
		logMessages:    newOrdered[*logMessage](),
		media:          newOrdered[*mediaItem](),
		credentials:    newOrdered[*credentials](),
		dialogflow:     newOrdered[*dialogflowConn](),
		siprec:         newOrdered[*siprecConnector](),
		recordings:     newOrdered[*recording](),
		transcriptions: newOrdered[*transcription](),
	}
}

// intID returns a fresh numeric string id.
func (st *state) intID() string {
	id := strconv.FormatInt(st.nextIntID, 10)
	st.nextIntID++
	return id
}

func newUUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// ensureConnection returns the data of connection id, creating a default
// zoom connection when it does not exist yet (used by seeding).
func (s *Server) ensureConnection(id string) *connData {
	st := s.st
	if id == "" {
		id = st.intID()
	}
	if cd, ok := st.connections.get(id); ok {
		return cd
	}
	now := s.now().Truncate(time.Second)
	conn := &connection{ID: id}
	fillConnectionDefaults(conn, now)
	conn.Active = true
	cd := newConnData(conn)
	st.connections.put(id, cd)
	return cd
}

func newConnData(conn *connection) *connData {
	return &connData{
		conn:      conn,
		addresses: newOrdered[*civicAddress](),
		numbers:   newOrdered[*phoneNumber](),
		releases:  newOrdered[*release](),
		uploads:   newOrdered[*uploadItem](),
	}
}
