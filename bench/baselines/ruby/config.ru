# frozen_string_literal: true

# The hand-written baseline of the Ruby stack: the same framework, driver and server as the generated project
# (a modular Sinatra app over Sequel on pg, under Puma; run with the generated project's Gemfile, so the versions
# are the same) serving the same two endpoints with the same SQL and the same JSON, and nothing else: no
# middleware, no logging, no validation beyond the id's shape.
# Run: BUNDLE_GEMFILE=<project>/Gemfile bundle exec puma -C bench/baselines/ruby/puma.rb bench/baselines/ruby/config.ru
# Env: DATABASE_URL (postgres://...), PORT, HOST.

require 'json'
require 'sequel'
require 'sinatra/base'

Sequel.default_timezone = :utc
DB = Sequel.connect(ENV.fetch('DATABASE_URL'), max_connections: 10)
UUID = /\A\h{8}-\h{4}-\h{4}-\h{4}-\h{12}\z/

# GET /api/books/:id and GET /api/books?authorId=&limit=&offset=, as the generated server answers them.
class Baseline < Sinatra::Base
  set :protection, false
  set :host_authorization, { permitted_hosts: [] }
  set :show_exceptions, false
  set :x_cascade, false

  BOOKS = DB[:books].select(:id, :title, :isbn, :published_at, :author_id, :created_at, :updated_at)

  def self.book(row)
    { 'id' => row[:id], 'title' => row[:title], 'isbn' => row[:isbn], 'publishedAt' => row[:published_at]&.iso8601,
      'authorId' => row[:author_id], 'createdAt' => row[:created_at].utc.iso8601(3),
      'updatedAt' => row[:updated_at].utc.iso8601(3) }
  end

  get '/health' do
    content_type 'application/json'
    '{"status":"ok"}'
  end

  get '/api/books/:id' do
    halt 404 unless UUID.match?(params['id'])
    row = BOOKS.where(id: params['id'].downcase).first or halt 404
    content_type 'application/json'
    JSON.generate(Baseline.book(row))
  end

  get '/api/books' do
    limit = Integer(params.fetch('limit', '20'), 10)
    offset = Integer(params.fetch('offset', '0'), 10)
    halt 400 unless limit.between?(1, 100) && offset >= 0
    rows = BOOKS
    if (author = params['authorId'])
      halt 400 unless UUID.match?(author)
      rows = rows.where(author_id: author.downcase)
    end
    total = rows.count
    items = rows.order(:created_at, :id).limit(limit, offset).map { |row| Baseline.book(row) }
    content_type 'application/json'
    JSON.generate({ items: items, total: total, limit: limit, offset: offset })
  end
end

run Baseline
