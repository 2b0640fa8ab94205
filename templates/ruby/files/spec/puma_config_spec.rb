# frozen_string_literal: true

require 'puma'
require 'puma/server'

# Puma reads config/puma.rb before config.ru, so the file must read .env itself for PORT and RACK_ENV there to count.
RSpec.describe 'config/puma.rb' do
  let(:path) { File.expand_path('../config/puma.rb', __dir__) }
  # Records the Puma DSL calls the file makes (port, environment, threads...), each name with its arguments.
  let(:calls) { {} }
  let(:dsl) do
    recorded = calls
    Class.new do
      define_method(:method_missing) { |name, *args| recorded[name] = args }
      define_method(:respond_to_missing?) { |*| true }
    end.new
  end

  around do |example|
    saved = ENV.to_h
    Dir.mktmpdir do |dir|
      File.write(File.join(dir, '.env'), "PORT=4123\nRACK_ENV=development\n")
      Dir.chdir(dir) { example.run }
    end
  ensure
    ENV.replace(saved)
  end

  it 'takes PORT and RACK_ENV from .env' do
    %w[PORT HOST RACK_ENV].each { |name| ENV.delete(name) }
    dsl.instance_eval(File.read(path), path)
    expect(calls[:port]).to eq(['4123', '0.0.0.0'])
    expect(calls[:environment]).to eq(['development'])
  end

  it 'lets variables already set win over .env' do
    ENV['PORT'] = '5123'
    dsl.instance_eval(File.read(path), path)
    expect(calls[:port].first).to eq('5123')
  end
end
