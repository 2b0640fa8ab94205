# frozen_string_literal: true

# The generated project's Puma settings (config/puma.rb): one process, five threads.
threads 5, 5
port ENV.fetch('PORT', 3000), ENV.fetch('HOST', '127.0.0.1')
environment 'production'
quiet
