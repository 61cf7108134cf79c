package telnyxtest

import (
	"fmt"
	"net/http"
)

// keyed serves the operations of a resource stored under the value of one
// path parameter, such as the Dialogflow connection of a connection_id.
// find and delete need store, param and noun, get also toJSON, and create
// and replace also parse, exists and created.
type keyed[T any] struct {
	// store picks the resource's items from the state.
	store func(*state) *ordered[T]
	// param is the path parameter holding the key.
	param string
	// noun names an item in not-found details, before its quoted key.
	noun string
	// toJSON builds the answer's body for an item.
	toJSON func(T) map[string]any
	// parse reads a create or replace body.
	parse func(*call) (T, *response)
	// exists is the detail for creating a key that is taken; %s is the
	// quoted key.
	exists string
	// created is the status of a successful create.
	created int
}

// find returns the item the path names, or a not-found answer.
func (k keyed[T]) find(s *Server, c *call) (T, *response) {
	v, ok := k.store(s.st).get(c.params[k.param])
	if !ok {
		return v, c.notFound(k.noun + " " + quote(c.params[k.param]))
	}
	return v, nil
}

func (k keyed[T]) get(s *Server, c *call) *response {
	v, resp := k.find(s, c)
	if resp != nil {
		return resp
	}
	return jsonResponse(http.StatusOK, k.toJSON(v))
}

func (k keyed[T]) create(s *Server, c *call) *response {
	key := c.params[k.param]
	if _, ok := k.store(s.st).get(key); ok {
		return c.invalidParam(k.param, fmt.Sprintf(k.exists, quote(key)))
	}
	v, resp := k.parse(c)
	if resp != nil {
		return resp
	}
	k.store(s.st).put(key, v)
	return jsonResponse(k.created, k.toJSON(v))
}

func (k keyed[T]) replace(s *Server, c *call) *response {
	if _, resp := k.find(s, c); resp != nil {
		return resp
	}
	v, resp := k.parse(c)
	if resp != nil {
		return resp
	}
	k.store(s.st).put(c.params[k.param], v)
	return jsonResponse(http.StatusOK, k.toJSON(v))
}

// delete answers 204 without a body.
func (k keyed[T]) delete(s *Server, c *call) *response {
	if _, resp := k.find(s, c); resp != nil {
		return resp
	}
	k.store(s.st).del(c.params[k.param])
	return &response{status: http.StatusNoContent}
}
