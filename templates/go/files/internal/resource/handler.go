package resource

import (
	"net/http"

	"github.com/go-chi/chi/v5"
)

// Responder writes responses; the web package implements it, so that this package knows no HTTP details
// beyond the routes.
type Responder interface {
	// DecodeObject reads a JSON object body, or answers the request itself and returns false.
	DecodeObject(w http.ResponseWriter, r *http.Request) (map[string]any, bool)
	JSON(w http.ResponseWriter, r *http.Request, status int, body any)
	Error(w http.ResponseWriter, r *http.Request, err error)
}

// Route adds the collection and item routes of the store's entity to r, at the entity's path, each behind the
// given middleware (auth): a path that no route serves stays a 404, token or not. They go on r itself rather
// than on a router mounted at the path, which cost every request a second route lookup; the collection also
// answers with a trailing slash, as it did when mounted.
func Route(r chi.Router, store *Store, respond Responder, middleware ...func(http.Handler) http.Handler) {
	h := &handler{store: store, respond: respond}
	path := store.entity.Path
	// A group: the middleware applies to these routes only, which share r's 404 and 405 handlers.
	r.Group(func(g chi.Router) {
		g.Use(middleware...)
		g.Get(path, h.list)
		g.Get(path+"/", h.list)
		g.Post(path, h.create)
		g.Post(path+"/", h.create)
		g.Get(path+"/{id}", h.get)
		g.Patch(path+"/{id}", h.update)
		g.Delete(path+"/{id}", h.delete)
	})
}

type handler struct {
	store   *Store
	respond Responder
}

// itemID reads the {id} path parameter; an id of the wrong shape names no resource (404).
func (h *handler) itemID(w http.ResponseWriter, r *http.Request) (string, bool) {
	id, ok := parseID(chi.URLParam(r, "id"))
	if !ok {
		h.respond.Error(w, r, ErrNotFound)
	}
	return id, ok
}

func (h *handler) list(w http.ResponseWriter, r *http.Request) {
	query, problem := h.store.entity.ParseListQuery(r.URL.Query())
	if problem != nil {
		h.respond.Error(w, r, problem)
		return
	}
	page, err := h.store.List(r.Context(), query)
	if err != nil {
		h.respond.Error(w, r, err)
		return
	}
	h.respond.JSON(w, r, http.StatusOK, page)
}

func (h *handler) create(w http.ResponseWriter, r *http.Request) {
	body, ok := h.respond.DecodeObject(w, r)
	if !ok {
		return
	}
	input, problem := h.store.entity.parseInput(body, true)
	if problem != nil {
		h.respond.Error(w, r, problem)
		return
	}
	rec, err := h.store.Create(r.Context(), input)
	if err != nil {
		h.respond.Error(w, r, err)
		return
	}
	w.Header().Set("Location", h.store.entity.Path+"/"+rec.ID())
	h.respond.JSON(w, r, http.StatusCreated, rec)
}

func (h *handler) get(w http.ResponseWriter, r *http.Request) {
	id, ok := h.itemID(w, r)
	if !ok {
		return
	}
	rec, err := h.store.Get(r.Context(), id)
	if err != nil {
		h.respond.Error(w, r, err)
		return
	}
	h.respond.JSON(w, r, http.StatusOK, rec)
}

func (h *handler) update(w http.ResponseWriter, r *http.Request) {
	id, ok := h.itemID(w, r)
	if !ok {
		return
	}
	body, ok := h.respond.DecodeObject(w, r)
	if !ok {
		return
	}
	input, problem := h.store.entity.parseInput(body, false)
	if problem != nil {
		h.respond.Error(w, r, problem)
		return
	}
	rec, err := h.store.Update(r.Context(), id, input)
	if err != nil {
		h.respond.Error(w, r, err)
		return
	}
	h.respond.JSON(w, r, http.StatusOK, rec)
}

func (h *handler) delete(w http.ResponseWriter, r *http.Request) {
	id, ok := h.itemID(w, r)
	if !ok {
		return
	}
	if err := h.store.Delete(r.Context(), id); err != nil {
		h.respond.Error(w, r, err)
		return
	}
	w.WriteHeader(http.StatusNoContent)
}
